using System.Security.Cryptography;
using System.Text;

namespace ConnCheck.TestPeers.Mongo;

/// <summary>
/// The server side of one SCRAM exchange (RFC 5802; SCRAM-SHA-256 is RFC 7677) as mongod runs it
/// over saslStart and saslContinue: client-first → server-first (nonce, salt, iterations) →
/// client-final (proof, checked here) → server-final (the server signature, which the client checks
/// in turn). mongod keeps only StoredKey and ServerKey; deriving them from the password on each
/// exchange is the same arithmetic.
/// </summary>
internal sealed class ScramConversation
{
    public const string Sha1 = "SCRAM-SHA-1";
    public const string Sha256 = "SCRAM-SHA-256";

    // The RFC 7677 minimum, which drivers accept; mongod's default (15000) would only cost time here.
    private const int Iterations = 4096;

    private readonly HashAlgorithmName _hash;
    private readonly string _database;
    private readonly IReadOnlyList<MongoPeerUser> _users;
    private string _gs2Header = "";
    private string _clientFirstBare = "";
    private string _serverFirst = "";
    private string _nonce = "";
    private byte[]? _saltedPassword;

    /// <param name="mechanism"><see cref="Sha1"/> or <see cref="Sha256"/>.</param>
    /// <param name="database">The database saslStart ran on: only users defined there can log in.</param>
    /// <param name="users">The users the server knows.</param>
    public ScramConversation(string mechanism, string database, IReadOnlyList<MongoPeerUser> users)
    {
        Mechanism = mechanism;
        _hash = mechanism == Sha1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        _database = database;
        _users = users;
    }

    public string Mechanism { get; }

    /// <summary>The user the client named in its first message.</summary>
    public string UserName { get; private set; } = "";

    /// <summary>Answers client-first with server-first; null when the message is malformed or the user unknown.</summary>
    public string? Start(string clientFirst)
    {
        // gs2-header: "n,," (no channel binding), possibly with an authzid ("n,a=NAME,"); the rest is client-first-bare.
        var bareStart = clientFirst.StartsWith("n,", StringComparison.Ordinal) || clientFirst.StartsWith("y,", StringComparison.Ordinal)
            ? clientFirst.IndexOf(',', 2) + 1
            : 0;
        if (bareStart == 0)
        {
            return null;
        }

        _gs2Header = clientFirst[..bareStart];
        _clientFirstBare = clientFirst[bareStart..];
        var attributes = Attributes(_clientFirstBare);
        if (!attributes.TryGetValue('n', out var name) || !attributes.TryGetValue('r', out var clientNonce) || clientNonce.Length == 0)
        {
            return null;
        }

        UserName = name.Replace("=2C", ",", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        var user = _users.FirstOrDefault(u => u.Name == UserName && u.Database == _database);
        if (user is null)
        {
            return null;
        }

        var salt = RandomNumberGenerator.GetBytes(16);
        _nonce = clientNonce + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        _saltedPassword = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(ScramPassword(user)), salt, Iterations, _hash, HashLength);
        _serverFirst = $"r={_nonce},s={Convert.ToBase64String(salt)},i={Iterations}";
        return _serverFirst;
    }

    /// <summary>Checks client-final's proof and answers with server-final; null when the proof is wrong.</summary>
    public string? Finish(string clientFinal)
    {
        var proofAt = clientFinal.LastIndexOf(",p=", StringComparison.Ordinal);
        if (_saltedPassword is null || proofAt < 0)
        {
            return null;
        }

        var withoutProof = clientFinal[..proofAt];
        var attributes = Attributes(withoutProof);
        if (attributes.GetValueOrDefault('c') != Convert.ToBase64String(Encoding.UTF8.GetBytes(_gs2Header))
            || attributes.GetValueOrDefault('r') != _nonce
            || !TryBase64(clientFinal[(proofAt + 3)..], out var proof))
        {
            return null;
        }

        var authMessage = Encoding.UTF8.GetBytes($"{_clientFirstBare},{_serverFirst},{withoutProof}");
        var storedKey = CryptographicOperations.HashData(_hash, Hmac(_saltedPassword, "Client Key"));
        var clientSignature = CryptographicOperations.HmacData(_hash, storedKey, authMessage);
        if (proof.Length != clientSignature.Length)
        {
            return null;
        }

        // The proof is ClientKey XOR ClientSignature: undo the XOR and check that the key hashes to StoredKey.
        var clientKey = new byte[proof.Length];
        for (var i = 0; i < proof.Length; i++)
        {
            clientKey[i] = (byte)(proof[i] ^ clientSignature[i]);
        }

        if (!CryptographicOperations.FixedTimeEquals(CryptographicOperations.HashData(_hash, clientKey), storedKey))
        {
            return null;
        }

        var serverSignature = CryptographicOperations.HmacData(_hash, Hmac(_saltedPassword, "Server Key"), authMessage);
        return "v=" + Convert.ToBase64String(serverSignature);
    }

    private int HashLength => _hash == HashAlgorithmName.SHA1 ? 20 : 32;

    /// <summary>
    /// What SCRAM hashes: for SCRAM-SHA-1 MongoDB uses its legacy digest HEX(MD5("user:mongo:password"));
    /// for SCRAM-SHA-256 the password itself (after SASLprep, the identity for the ASCII passwords of the tests).
    /// </summary>
    private string ScramPassword(MongoPeerUser user) => Mechanism == Sha1
        ? Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{user.Name}:mongo:{user.Password}")))
        : user.Password;

    private byte[] Hmac(byte[] key, string text) => CryptographicOperations.HmacData(_hash, key, Encoding.UTF8.GetBytes(text));

    private static Dictionary<char, string> Attributes(string message)
    {
        var attributes = new Dictionary<char, string>();
        foreach (var part in message.Split(','))
        {
            if (part.Length >= 2 && part[1] == '=')
            {
                attributes[part[0]] = part[2..];
            }
        }

        return attributes;
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
