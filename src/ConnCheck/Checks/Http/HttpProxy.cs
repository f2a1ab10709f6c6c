using System.Net;

namespace ConnCheck.Checks.Http;

/// <summary>A forward proxy: <c>proxy_url</c> (http:// or https://, with optional credentials) or <c>proxy_host</c> + <c>proxy_port</c>.</summary>
internal sealed record HttpProxy(Uri Address, NetworkCredential? Credentials)
{
    public string Host => Address.IdnHost.Trim('[', ']');

    public int Port => Address.Port;
}
