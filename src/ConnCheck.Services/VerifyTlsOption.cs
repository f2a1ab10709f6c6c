using ConnCheck.Configuration;

namespace ConnCheck.Services;

/// <summary>
/// <c>verify_tls</c> of the checks that, as in 1.x, send a password over TLS without verifying the
/// server unless asked (amqp, smtp). Verifying is the tls check's: chain and host name, with the
/// certificates of --tls-certs-path trusted. Off, the password may go to a man in the middle, which
/// --validate and -v say.
/// </summary>
internal static class VerifyTlsOption
{
    public const string Key = "verify_tls";

    /// <param name="options">The check's options.</param>
    /// <param name="tlsKey">The option that turned TLS on, where a warning points when verify_tls is not written.</param>
    /// <param name="usesTls">Whether the check's connection uses TLS.</param>
    /// <param name="withoutTls">The error when verify_tls is true but there is no TLS to verify.</param>
    public static bool Read(OptionReader options, string tlsKey, bool usesTls, string withoutTls)
    {
        var verify = options.Bool(Key, false);
        if (verify && !usesTls)
        {
            // Asked to verify a connection that has no TLS: the password would go in clear, the opposite of what was meant.
            options.Error(Key, withoutTls);
        }
        else if (usesTls && !verify)
        {
            options.Warn(
                options.Has(Key) ? Key : tlsKey,
                $"{options.TypeName} check sends its password over TLS without verifying the server (set {Key}: true to verify it)");
        }

        return verify;
    }
}
