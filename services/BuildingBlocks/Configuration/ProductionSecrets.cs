// Production refuses to start on a development secret: every value this repository publishes
// (the development hash secret and signing key, guest/guest, postgres/postgres) is known to anyone.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FiveSocieties.BuildingBlocks.Configuration;

/// <summary>A setting that holds (or, unset, falls back to) a development value, and what is wrong with it.</summary>
public sealed record DevelopmentSecret(string Setting, string Why);

/// <summary>
/// One part's look at the settings it reads. Each part a host adds registers its own (AddPrivacy
/// its hash secrets, AddEventStore its database, AddMessaging its broker …), so a host is checked
/// for exactly what it uses.
/// </summary>
public delegate IEnumerable<DevelopmentSecret> DevelopmentSecretCheck(IConfiguration configuration);

public static class ProductionSecrets
{
    /// <summary>
    /// Passwords published with the local servers, compose and the k8s example: the broker's and
    /// PostgreSQL's defaults, the local key store's, and the placeholder of deploy/k8s/config.yaml.
    /// </summary>
    private static readonly HashSet<string> PublishedPasswords = new(StringComparer.Ordinal) { "guest", "postgres", "change-me", "fivesoc-keys-local" };

    public static bool IsPublishedPassword(string? password) => password is not null && PublishedPasswords.Contains(password);

    /// <summary>Adds a check that runs when a host starts in Production.</summary>
    public static IHostApplicationBuilder RefuseDevelopmentSecrets(this IHostApplicationBuilder builder, DevelopmentSecretCheck check)
    {
        builder.Services.AddSingleton(check);
        return builder;
    }

    /// <summary>Every development value the checks find, each setting once.</summary>
    public static IReadOnlyList<DevelopmentSecret> Find(IConfiguration configuration, IEnumerable<DevelopmentSecretCheck> checks) =>
        checks.SelectMany(check => check(configuration)).DistinctBy(found => found.Setting).ToList();

    public static string Refusal(IReadOnlyList<DevelopmentSecret> found) =>
        "Production refuses to start with development secrets. Set each of these to a value of your own: "
        + string.Join("; ", found.Select(f => $"{f.Setting} ({f.Why})")) + ".";

    /// <summary>Registered by AddHostDefaults, before any part that connects anywhere.</summary>
    public static IServiceCollection AddProductionSecretsGuard(this IServiceCollection services) =>
        services.AddHostedService<Guard>();

    /// <summary>
    /// Checks in StartingAsync, which every hosted service passes before any starts: nothing has
    /// connected with a development password by the time the host refuses.
    /// </summary>
    private sealed class Guard(IHostEnvironment environment, IConfiguration configuration, IEnumerable<DevelopmentSecretCheck> checks)
        : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken)
        {
            if (!environment.IsProduction()) return Task.CompletedTask;
            var found = Find(configuration, checks);
            return found.Count == 0 ? Task.CompletedTask : throw new InvalidOperationException(Refusal(found));
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
