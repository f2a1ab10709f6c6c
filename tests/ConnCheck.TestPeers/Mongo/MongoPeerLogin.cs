namespace ConnCheck.TestPeers.Mongo;

/// <summary>A SASL conversation the peer finished, successfully or not.</summary>
public sealed record MongoPeerLogin(string User, string Database, string Mechanism, bool Succeeded);
