namespace ConnCheck.Generation.Internal;

/// <summary>A string with a secret inside, such as a URL's password: <c>Before</c>, the secret, <c>After</c>.</summary>
internal sealed record SecretText(string Before, SecretValue Secret, string After)
{
    public string Plain => Before + Secret.Value + After;

    public override string ToString() => Before + Secret + After;
}
