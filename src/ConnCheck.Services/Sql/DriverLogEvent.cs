using Microsoft.Extensions.Logging;

namespace ConnCheck.Services.Sql;

/// <summary>One event of a driver's log: its id, its exception and the values of its message's placeholders.</summary>
internal readonly record struct DriverLogEvent(EventId Id, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>>? Values)
{
    private const string TemplateKey = "{OriginalFormat}";

    /// <summary>The message as the driver's source writes it, placeholders and all: its words, not its values.</summary>
    public string? Template => Value(TemplateKey);

    /// <summary>The value of placeholder <paramref name="name"/> as text, or null.</summary>
    public string? Value(string name)
    {
        foreach (var (key, value) in Values ?? [])
        {
            if (key == name)
            {
                return value?.ToString();
            }
        }

        return null;
    }
}
