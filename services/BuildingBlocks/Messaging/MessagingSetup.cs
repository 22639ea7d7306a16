using FiveSocieties.BuildingBlocks.Configuration;
using FiveSocieties.BuildingBlocks.Domain;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FiveSocieties.BuildingBlocks.Messaging;

/// <summary>Consumer tuning, bound from the "Messaging" section.</summary>
public sealed class MessagingSettings
{
    // The default prefetch on 2 cores (16) lets queues grow to seconds of latency (PLATFORM.md).
    public int PrefetchCount { get; set; } = 64;
    public int ConcurrentMessageLimit { get; set; } = 64;

    /// <summary>Attempts after the first for a transient fault, with exponential back-off.</summary>
    public int RetryLimit { get; set; } = 6;
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(50);
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(5);
}

public static class MessagingSetup
{
    /// <summary>The broker's credentials, unless they are RabbitMQ's guest/guest (also what an address without a user means) or another published password.</summary>
    private static IEnumerable<DevelopmentSecret> DevelopmentPasswords(IConfiguration configuration)
    {
        var raw = configuration.GetConnectionString("RabbitMq");
        if (string.IsNullOrWhiteSpace(raw))
        {
            yield return new("ConnectionStrings:RabbitMq", "unset, so the local servers' guest/guest");
            yield break;
        }
        var userInfo = Uri.TryCreate(raw, UriKind.Absolute, out var broker) ? broker.UserInfo : "";
        var password = userInfo.Split(':', 2) is [_, var given] ? Uri.UnescapeDataString(given) : null;
        if (password is null)
            yield return new("ConnectionStrings:RabbitMq", "no user and password, so RabbitMQ's guest/guest");
        else if (ProductionSecrets.IsPublishedPassword(password))
            yield return new("ConnectionStrings:RabbitMq", "its password is a published default");
    }

    /// <summary>
    /// MassTransit on RabbitMQ: quorum queues named after the service, publisher confirms,
    /// exponential retry for transient faults (domain refusals are not retried), the error queue
    /// for poison messages, explicit prefetch and concurrency, no usage telemetry.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> consumers)
    {
        var identity = builder.GetServiceIdentity();
        var settings = builder.Configuration.GetSection("Messaging").Get<MessagingSettings>() ?? new();
        var broker = new Uri(builder.Configuration.GetConnectionString("RabbitMq") ?? LocalDefaults.RabbitMq);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(new BrokerAddress(broker));
        builder.RefuseDevelopmentSecrets(DevelopmentPasswords);
        // Registered before MassTransit's hosted service: the wait runs before the bus starts.
        builder.Services.AddHostedService<BrokerBootstrapper>();

        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(identity.Name, includeNamespace: false));
            consumers(bus);
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.SetQuorumQueue();
                    rabbit.PrefetchCount = settings.PrefetchCount;
                }
                endpoint.ConcurrentMessageLimit = settings.ConcurrentMessageLimit;
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Exponential(settings.RetryLimit, settings.RetryMinInterval, settings.RetryMaxInterval,
                        settings.RetryMinInterval);
                    retry.Ignore<DomainRuleViolation>();
                    retry.Ignore<RecordNotFound>();
                });
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker, host =>
                {
                    host.PublisherConfirmation = true;
                    host.Heartbeat(TimeSpan.FromSeconds(10));
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = false; // readiness reports the bus; start-up does not block on it
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }

    /// <summary>Runs the relay: this service's domain events, mapped by <typeparamref name="TMapper"/>, onto the bus.</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddIntegrationEventRelay<TMapper>(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, IConfiguration configuration)
        where TMapper : class, IIntegrationEventMapper
    {
        var settings = configuration.GetSection("Relay").Get<RelaySettings>() ?? new();
        marten.Services.AddSingleton(settings);
        marten.Services.AddSingleton<IIntegrationEventMapper, TMapper>();
        marten.Services.TryAddSingleton(TimeProvider.System);
        if (settings.PublishOnCommit)
        {
            marten.Services.AddSingleton<PublishOnCommit>();
            marten.Services.AddSingleton<IConfigureMarten, PublishOnCommitListener>();
            marten.Services.AddHostedService<PublishOnCommitOpening>();
        }
        marten.AddSubscriptionWithServices<IntegrationEventRelay>(ServiceLifetime.Singleton, subscription =>
        {
            subscription.Name = IntegrationEventRelay.SubscriptionName;
            subscription.Options.BatchSize = settings.PageSize;
        });
        return marten;
    }

    private sealed class PublishOnCommitListener(PublishOnCommit path, EventStore.AppendSignal signal) : IConfigureMarten
    {
        public void Configure(IServiceProvider services, StoreOptions options)
        {
            options.Listeners.Add(path);
            signal.WakeOnCommit = false;
        }
    }
}
