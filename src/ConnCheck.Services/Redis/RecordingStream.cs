namespace ConnCheck.Services.Redis;

/// <summary>
/// A stream that keeps the first bytes it reads and whether the peer closed, so that a failed
/// handshake can say what the server sent instead of the driver's "it was not possible to connect".
/// </summary>
internal sealed class RecordingStream(Stream inner) : Stream
{
    private const int Kept = 512;

    private readonly Lock _gate = new();
    private readonly byte[] _first = new byte[Kept];
    private int _count;
    private bool _ended;

    /// <summary>The first bytes received (at most 512) and whether the peer closed the connection.</summary>
    public (byte[] Received, bool Ended) Snapshot()
    {
        lock (_gate)
        {
            return (_first[.._count], _ended);
        }
    }

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Record(buffer, inner.Read(buffer));
        }
        catch (IOException)
        {
            MarkEnded();
            throw;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            return Record(buffer.Span, read);
        }
        catch (IOException)
        {
            MarkEnded();
            throw;
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            inner.Write(buffer);
        }
        catch (IOException)
        {
            MarkEnded();
            throw;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.WriteAsync(buffer, cancellationToken);
        }
        catch (IOException)
        {
            MarkEnded();
            throw;
        }
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    // A reset, on a read or on a write the driver makes before it reads the end, is the server
    // closing the connection too: which the driver notices first is a race.
    private void MarkEnded()
    {
        lock (_gate)
        {
            _ended = true;
        }
    }

    private int Record(ReadOnlySpan<byte> buffer, int read)
    {
        lock (_gate)
        {
            if (read == 0)
            {
                _ended = true;
            }

            var kept = Math.Min(read, Kept - _count);
            buffer[..kept].CopyTo(_first.AsSpan(_count));
            _count += kept;
        }

        return read;
    }
}
