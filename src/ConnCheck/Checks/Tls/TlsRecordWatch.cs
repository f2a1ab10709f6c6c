namespace ConnCheck.Checks.Tls;

/// <summary>
/// The connection under a client's SslStream, watched record by record once <see cref="Arm"/> is
/// called: <see cref="Taken"/> completes when the SslStream, having received at least one whole TLS
/// record from the server, asks for more, so it has processed that record without error. Under
/// TLS 1.3 a server judges the client certificate after the client's handshake is over; its first
/// records afterwards (session tickets, or an alert) carry that verdict.
/// </summary>
internal sealed class TlsRecordWatch(Stream inner) : Stream
{
    private const int RecordHeaderLength = 5;

    private readonly TaskCompletionSource _taken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _armed;
    private long _records;

    // Bytes of the current record still to come, and the header bytes seen so far of the next one.
    private int _bodyLeft;
    private int _headerSeen;
    private readonly byte[] _header = new byte[RecordHeaderLength];

    public Task Taken => _taken.Task;

    public void Arm() => _armed = true;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_armed && _records > 0 && _bodyLeft == 0 && _headerSeen == 0)
        {
            _taken.TrySetResult();
        }

        var read = await inner.ReadAsync(buffer, cancellationToken);
        if (_armed)
        {
            Count(buffer.Span[..read]);
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Count(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            if (_bodyLeft > 0)
            {
                var body = Math.Min(_bodyLeft, bytes.Length);
                _bodyLeft -= body;
                bytes = bytes[body..];
                if (_bodyLeft == 0)
                {
                    _records++;
                }

                continue;
            }

            var header = Math.Min(RecordHeaderLength - _headerSeen, bytes.Length);
            bytes[..header].CopyTo(_header.AsSpan(_headerSeen));
            _headerSeen += header;
            bytes = bytes[header..];
            if (_headerSeen == RecordHeaderLength)
            {
                _headerSeen = 0;
                _bodyLeft = (_header[3] << 8) | _header[4];
                if (_bodyLeft == 0)
                {
                    _records++;
                }
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

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
}
