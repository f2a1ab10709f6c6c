using System.Text;

namespace ConnCheck.Checks.Http;

/// <summary>The start of a response's body, read only for <c>expected_body</c> and <c>expected_body_regex</c>.</summary>
/// <param name="Bytes">What was read: at most <see cref="MaxBytes"/>.</param>
/// <param name="Truncated">Whether the body went on beyond <see cref="MaxBytes"/> (not read).</param>
/// <param name="Encoding">The charset of its Content-Type, UTF-8 when none or unknown.</param>
internal sealed record ResponseBody(byte[] Bytes, bool Truncated, Encoding Encoding)
{
    /// <summary>1 MiB: a health page fits many times over, and a large download cannot stretch the check.</summary>
    public const int MaxBytes = 1 << 20;

    private const int FirstBuffer = 16 * 1024;

    /// <summary>The body as text, in the charset its Content-Type names (UTF-8 when none or unknown).</summary>
    public string Text => Encoding.GetString(Bytes);

    /// <summary>Reads the body up to <see cref="MaxBytes"/>, every read bounded by <paramref name="cancellationToken"/> (the check's deadline).</summary>
    public static async Task<ResponseBody> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var declared = response.Content.Headers.ContentLength;
        var buffer = new byte[(int)Math.Clamp(declared ?? FirstBuffer, 1, MaxBytes)];
        var length = 0;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length == MaxBytes)
                {
                    // One byte more tells a body of exactly 1 MiB from a longer one.
                    var probe = new byte[1];
                    var more = await stream.ReadAsync(probe, cancellationToken) > 0;
                    return new ResponseBody(buffer, more, EncodingOf(response));
                }

                Array.Resize(ref buffer, Math.Min(MaxBytes, buffer.Length * 2));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return new ResponseBody(buffer[..length], false, EncodingOf(response));
            }

            length += read;
        }
    }

    private static Encoding EncodingOf(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                return Encoding.GetEncoding(charset.Trim('"', '\''));
            }
            catch (ArgumentException)
            {
                // A charset this build does not know: UTF-8 shows ASCII text right at least.
            }
        }

        return Encoding.UTF8;
    }
}
