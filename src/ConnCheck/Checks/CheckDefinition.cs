using ConnCheck.Configuration;

namespace ConnCheck.Checks;

/// <summary>One check from the configuration file: its options, and the subchecks it runs in sequence.</summary>
internal abstract record CheckDefinition(CheckCommon Common)
{
    /// <summary>The subchecks, in the order they run; their names are the result names.</summary>
    public abstract IReadOnlyList<Subcheck> Plan();
}
