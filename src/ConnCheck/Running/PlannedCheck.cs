using ConnCheck.Checks;

namespace ConnCheck.Running;

/// <summary>A check that a run selected, with the subchecks that will run (those matching its patterns, in order).</summary>
/// <param name="Check">The check.</param>
/// <param name="Subchecks">Its selected subchecks; never empty.</param>
/// <param name="FirstSequence">The <see cref="ResultSubject.Sequence"/> of its first selected subcheck.</param>
internal sealed record PlannedCheck(CheckDefinition Check, IReadOnlyList<Subcheck> Subchecks, int FirstSequence);
