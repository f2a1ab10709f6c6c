namespace ConnCheck.Services.Sql;

/// <summary>Whether a database login uses TLS, in libpq's terms (<c>sslmode</c>).</summary>
internal enum SqlSslMode
{
    /// <summary>Never: plain text only.</summary>
    Disable,

    /// <summary>TLS when the server offers it, plain text otherwise; the certificate is not checked.</summary>
    Prefer,

    /// <summary>TLS or fail; the certificate is not checked.</summary>
    Require,

    /// <summary>TLS or fail, with the certificate chain and host name verified (system store and --tls-certs-path).</summary>
    VerifyFull,
}
