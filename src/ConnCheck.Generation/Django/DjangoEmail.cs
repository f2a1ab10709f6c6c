using System.Globalization;
using ConnCheck.Generation.Internal;

namespace ConnCheck.Generation.Django;

/// <summary>
/// <c>EMAIL_*</c>: the mail server Django's SMTP backend sends through, as an smtp check that logs in
/// and sends nothing (<c>send: false</c>). Only when the settings module sets <c>EMAIL_HOST</c> or
/// <c>EMAIL_BACKEND</c> itself: Django's defaults (the SMTP backend, localhost, port 25) hold in every
/// project, and most that never mention mail never send any, so a check of them would fail on every
/// host without a local mail server for nothing.
/// </summary>
internal static class DjangoEmail
{
    private const string SmtpBackend = "django.core.mail.backends.smtp.EmailBackend";

    // Django's own backends that deliver to no server: nothing to check, nothing worth a note.
    private static readonly HashSet<string> Local = new(StringComparer.Ordinal)
    {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    };

    public static IEnumerable<GeneratedCheck> Make(SettingsView settings, ICollection<string> notes)
    {
        var hostSet = IsSet(settings, "EMAIL_HOST");
        if (!hostSet && !IsSet(settings, "EMAIL_BACKEND"))
        {
            return [];
        }

        var backend = settings.GetString("EMAIL_BACKEND")?.Trim() is { Length: > 0 } named ? named : SmtpBackend;
        if (backend != SmtpBackend)
        {
            if (hostSet && !Local.Contains(backend))
            {
                notes.Add($"EMAIL_BACKEND: conn-check does not know {backend} (it checks Django's SMTP backend); no check of EMAIL_HOST");
            }

            return [];
        }

        var written = settings.GetString("EMAIL_HOST")?.Trim() ?? "localhost";
        var host = written.StartsWith('[') && written.EndsWith(']') ? written[1..^1] : written;
        if (!HostName.IsValid(host))
        {
            notes.Add(written.Length == 0 ? "EMAIL_HOST: empty; no check" : $"EMAIL_HOST: '{written}' is not a host name or address; no check");
            return [];
        }

        if (Port(settings["EMAIL_PORT"]) is not { } port)
        {
            notes.Add($"EMAIL_PORT: {settings["EMAIL_PORT"]} is not a port number; no check");
            return [];
        }

        var startTls = settings["EMAIL_USE_TLS"]?.IsTruthy() == true;
        var implicitTls = settings["EMAIL_USE_SSL"]?.IsTruthy() == true;
        if (startTls && implicitTls)
        {
            notes.Add("EMAIL_USE_TLS and EMAIL_USE_SSL: Django refuses both at once; no check");
            return [];
        }

        var user = settings.GetString("EMAIL_HOST_USER") ?? "";
        if (user.Length == 0)
        {
            // Django logs in only with a user; the smtp check always does. The connection is what is left to check.
            notes.Add(implicitTls
                ? "EMAIL_HOST: no EMAIL_HOST_USER, so Django sends without logging in, which the smtp check cannot; a tls check instead"
                : "EMAIL_HOST: no EMAIL_HOST_USER, so Django sends without logging in, which the smtp check cannot; a tcp check instead");
            return [new GeneratedCheck(implicitTls ? "tls" : "tcp") { { "host", host }, { "port", port } }];
        }

        var check = new GeneratedCheck("smtp") { { "host", host }, { "port", port }, { "username", user } };
        Secrets.AddPassword(check, settings.GetString("EMAIL_HOST_PASSWORD"), ["EMAIL_HOST"]);

        // The smtp check's use_tls is on unless told otherwise, Django's EMAIL_USE_SSL off: always written.
        check.Add("use_tls", implicitTls);
        if (startTls)
        {
            check.Add("starttls", true);
        }

        if (startTls || implicitTls)
        {
            // Django's SMTP backend verifies the server (ssl.create_default_context) before it sends the password.
            check.Add("verify_tls", true);
        }

        check.Add("send", false);
        return [check];
    }

    // Set by the settings module, not one of Django's defaults.
    private static bool IsSet(SettingsView settings, string name) => settings.Contains(name) && !settings.IsDefault(name);

    private static int? Port(SettingsView? port)
    {
        var text = port?.AsString()?.Trim() ?? "";
        if (port is null || port.Kind == SettingsKind.Null || text.Length == 0)
        {
            return Ports.Smtp;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535 ? number : null;
    }
}
