namespace ConnCheck.Checks;

/// <summary>
/// Which step of a check failed, for the structured formats (SPEC C1): a dashboard tells a firewall
/// that drops packets (<see cref="ConnectTimeout"/>) from a service that is down (<see cref="Connect"/>)
/// or a wrong password (<see cref="Auth"/>) without reading messages.
/// </summary>
internal enum FailureStage
{
    /// <summary>The host name did not resolve, or the lookup did not end before the check's timeout.</summary>
    Resolve,

    /// <summary>The connection was refused, reset or unreachable.</summary>
    Connect,

    /// <summary>The connection was never answered: typical of a firewall that drops packets.</summary>
    ConnectTimeout,

    /// <summary>The TLS handshake failed, the certificate was not trusted, or it expires too soon (C3).</summary>
    Tls,

    /// <summary>The credentials were refused, or the user may not use what was asked for.</summary>
    Auth,

    /// <summary>The service answered, but not as expected: a wrong status, reply or protocol.</summary>
    Protocol,

    /// <summary>The check's timeout expired after it had connected.</summary>
    Timeout,

    /// <summary>--max-timeout ended the run first.</summary>
    MaxTimeout,

    /// <summary>A signal (SIGTERM, SIGINT) ended the run first.</summary>
    Interrupted,
}
