namespace ConnCheck.Generation;

/// <summary>
/// Makes checks from an application's settings: the extension point of the generators
/// (<see cref="SettingsGenerator.ExtraCheckMakers"/>), as <c>EXTRA_CHECK_MAKERS</c> was in conn-check 1.x.
/// </summary>
/// <param name="settings">The application's settings.</param>
/// <param name="options">The options the generator was run with (the command line).</param>
/// <returns>The checks to add to the file, in order; none is fine.</returns>
public delegate IEnumerable<GeneratedCheck> CheckMaker(SettingsView settings, GeneratorOptions options);
