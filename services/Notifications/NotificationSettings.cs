using FiveSocieties.BuildingBlocks.Messaging;

namespace FiveSocieties.Notifications;

/// <summary>Notification timing and channel settings, bound from the "Notifications" section.</summary>
public sealed class NotificationSettings
{
    /// <summary>An urgent notification not acknowledged within this goes to the station's supervisors.</summary>
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan EscalationSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often due e-mail and webhook deliveries are looked for.</summary>
    public TimeSpan DeliverySweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The daily digest of overdue visits goes out at this local time (the recipient's time zone).</summary>
    public TimeOnly DigestAt { get; set; } = new(8, 0);
    public TimeSpan DigestSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How the rules group source events into commits (at most MessageLimit each, Concurrency at once).</summary>
    public InboxGroupCommitOptions RuleGroups { get; set; } = new();
    public WebhookSettings Webhooks { get; set; } = new();
    public SmtpSettings Smtp { get; set; } = new();
}

public sealed class WebhookSettings
{
    /// <summary>Retries after the first try (exponential back-off with jitter), then the delivery is dead-lettered.</summary>
    public int Retries { get; set; } = 4;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Per endpoint: this many failed calls (all failing) within the sampling window open the circuit.</summary>
    public int BreakerMinimumThroughput { get; set; } = 5;
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class SmtpSettings
{
    /// <summary>Empty: e-mail is not sent (planned e-mail deliveries are dead-lettered as "no SMTP server").</summary>
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public string From { get; set; } = "notifications@fivesocieties.local";
    public int Retries { get; set; } = 3;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
