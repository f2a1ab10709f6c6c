namespace ConnCheck.Generation;

/// <summary>The settings could not be read: a settings module that fails to import, an unreadable appsettings file.</summary>
public sealed class SettingsException : Exception
{
    /// <summary>A failure described by <paramref name="message"/>, one line.</summary>
    /// <param name="message">What went wrong, such as Python's error line.</param>
    /// <param name="details">More, such as Python's traceback; null when there is none.</param>
    /// <param name="innerException">The exception that caused it, if any.</param>
    public SettingsException(string message, string? details = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Details = details;
    }

    /// <summary>More about the failure (Python's traceback), or null.</summary>
    public string? Details { get; }
}
