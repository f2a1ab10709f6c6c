namespace ConnCheck.TestPeers;

/// <summary>One request as an <see cref="HttpPeer"/> received it: the request line's method and target, every header in order, and the body.</summary>
public sealed record HttpPeerRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    /// <summary>The values of the header named <paramref name="name"/> (any case), joined with ", "; null when it was not sent.</summary>
    public string? Header(string name)
    {
        var values = Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        return values.Count == 0 ? null : string.Join(", ", values);
    }
}
