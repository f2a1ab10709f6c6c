using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConnCheck.Serve;

/// <summary>
/// The HTTP side of serve, on Kestrel: binds first, so that a busy port or an address of no interface is
/// refused before anything runs, then serves the snapshots while the schedule runs beside it.
/// </summary>
internal static class Exporter
{
    // Long enough for a scrape in flight to end, short enough to be gone within a second of SIGTERM.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>Serves until <paramref name="stopping"/> is cancelled; <see cref="ExitCode.Unknown"/> when the address cannot be bound.</summary>
    /// <param name="listen">The address and port to listen on; port 0 takes any free one, which the start line names.</param>
    /// <param name="state">The snapshots the endpoints answer with.</param>
    /// <param name="schedule">The runs, started once listening, given <paramref name="stopping"/>.</param>
    /// <param name="stderr">Where the start line and errors go.</param>
    /// <param name="stopping">Cancelled to stop: SIGTERM or SIGINT.</param>
    public static async Task<ExitCode> ServeAsync(IPEndPoint listen, ExporterState state, Func<CancellationToken, Task> schedule, TextWriter stderr, CancellationToken stopping)
    {
        await using var app = Build(listen, state);
        try
        {
            await app.StartAsync(stopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await stderr.WriteLineAsync($"conn-check serve: error: cannot listen on {listen}: {e.Message}");
            return ExitCode.Unknown;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        await stderr.WriteLineAsync($"conn-check serve: listening on {string.Join(", ", addresses)}");
        await stderr.FlushAsync(CancellationToken.None);

        var runs = schedule(stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stopping);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }

        using var bound = new CancellationTokenSource(ShutdownTimeout);
        await app.StopAsync(bound.Token);
        await runs;
        return ExitCode.Ok;
    }

    private static WebApplication Build(IPEndPoint listen, ExporterState state)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });

        // Nothing from appsettings.json or ASPNETCORE_* variables: serve's command line is its whole configuration.
        builder.Configuration.Sources.Clear();

        // No request logs (their headers may carry credentials) and no framework chatter: serve logs one line per run.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CallerLifetime>();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            var limits = options.Limits;

            // Prometheus, a probe or two and a person need a handful. The limit is set high all the same:
            // Kestrel closes a connection beyond it at once, so a low limit would let anyone who holds
            // that many connections open block every scrape. An idle connection costs about 7.5 KiB
            // (bench/serve.sh), so 15,000 cost about 110 MiB; the number stays under common limits on
            // open files (20,000 and up), so that this limit, not a failing accept, is what is met.
            limits.MaxConcurrentConnections = 15_000;
            limits.MaxConcurrentUpgradedConnections = 0;

            // A client that trickles its headers (slowloris) is dropped after this, not kept for ever.
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(5);

            // Longer than Prometheus' default scrape interval (1 min), so that its connection is reused
            // between scrapes; idle connections beyond that are closed.
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(75);

            // The paths are short and no body is read: a long URL or many headers are refused at once
            // (414, 431) rather than buffered.
            limits.MaxRequestLineSize = 1024;
            limits.MaxRequestHeadersTotalSize = 8 * 1024;
            limits.MaxRequestHeaderCount = 32;
            limits.MaxRequestBodySize = 0;

            // HTTP/1.1 only: without TLS, HTTP/2 is only prior knowledge, which scrapers do not use.
            options.Listen(listen, endpoint => endpoint.Protocols = HttpProtocols.Http1);
        });

        var app = builder.Build();
        app.Run(context => Endpoints.AnswerAsync(context, state));
        return app;
    }
}
