using System.IO.Compression;

namespace ConnCheck.Serve;

/// <summary>
/// A body as it is and gzipped, both made once when a run ends. Prometheus asks for gzip on every scrape;
/// with a thousand checks the exposition is about 200 KB and gzips to a tenth of that, so compressing it
/// once per run, rather than per request as a compression middleware would, keeps a scrape a copy of bytes.
/// </summary>
internal sealed class Body
{
    private Body(byte[] plain, byte[] gzipped)
    {
        Plain = plain;
        Gzipped = gzipped;
    }

    public byte[] Plain { get; }

    public byte[] Gzipped { get; }

    public static Body Of(byte[] plain)
    {
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        return new Body(plain, gzipped.ToArray());
    }
}
