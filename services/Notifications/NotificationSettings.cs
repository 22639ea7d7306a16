using FiveSocieties.BuildingBlocks.Messaging;
using FiveSocieties.Notifications.Alarms;

namespace FiveSocieties.Notifications;

/// <summary>Notification timing and channel settings, bound from the "Notifications" section.</summary>
public sealed class NotificationSettings
{
    /// <summary>Who hears of an urgent alarm next when nobody acknowledges it, rule by rule.</summary>
    public EscalationSettings Escalation { get; set; } = new();

    /// <summary>How often due e-mail and webhook deliveries are looked for.</summary>
    public TimeSpan DeliverySweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The daily digest of overdue visits goes out at this local time (the recipient's time zone).</summary>
    public TimeOnly DigestAt { get; set; } = new(8, 0);
    public TimeSpan DigestSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How the rules group source events into commits (at most MessageLimit each, Concurrency at once).</summary>
    public InboxGroupCommitOptions RuleGroups { get; set; } = new();
    public WebhookSettings Webhooks { get; set; } = new();
    public SmtpSettings Smtp { get; set; } = new();
    public SmsChannelSettings Sms { get; set; } = new();
    public WeChatChannelSettings WeChat { get; set; } = new();

    /// <summary>
    /// The channels an unacknowledged urgent notification goes on to after the in-app inbox, each
    /// after its wait from the notification's creation; an acknowledgement cancels the steps not
    /// yet taken, and a failed or refused WeChat send brings the SMS forward to at once. The
    /// escalation chain's next level (Escalation) follows on its own clock, so these waits should
    /// be shorter than the first level's. WeChat goes only to people who bound it.
    /// Given in configuration, it replaces the default (WeChat after 5 minutes, SMS after 10) whole.
    /// </summary>
    public List<FallbackStep>? UrgentFallback { get; set; }

    public IReadOnlyList<FallbackStep> UrgentFallbackInForce => UrgentFallback ?? DefaultFallback;

    private static readonly IReadOnlyList<FallbackStep> DefaultFallback =
    [
        new() { Channel = Recipients.Channel.WeChat, After = TimeSpan.FromMinutes(5) },
        new() { Channel = Recipients.Channel.Sms, After = TimeSpan.FromMinutes(10) },
    ];

    /// <summary>What is wrong with the urgent fallback steps, each naming its configuration key; empty when they are sound.</summary>
    public IReadOnlyList<string> UrgentFallbackProblems()
    {
        var problems = new List<string>();
        var steps = UrgentFallbackInForce;
        for (var i = 0; i < steps.Count; i++)
        {
            var key = $"Notifications:UrgentFallback:{i}";
            // The in-app inbox is the first step already; e-mail and webhooks go out at once. Only WeChat and SMS wait.
            if (steps[i].Channel is not (Recipients.Channel.WeChat or Recipients.Channel.Sms)) problems.Add($"{key}:Channel must be WeChat or Sms.");
            if (steps.Take(i).Any(s => s.Channel == steps[i].Channel)) problems.Add($"{key}:Channel: {steps[i].Channel} is a step already.");
            if (steps[i].After <= TimeSpan.Zero) problems.Add($"{key}:After must be a positive wait, e.g. 00:10:00.");
        }
        return problems;
    }
}

public sealed class FallbackStep
{
    public Recipients.Channel Channel { get; set; }
    public TimeSpan After { get; set; }
}

/// <summary>How Notifications uses SMS (the platform account itself is the shared "Sms" section).</summary>
public sealed class SmsChannelSettings
{
    /// <summary>Non-urgent SMS per recipient per local day; urgent alarms are never held back by it.</summary>
    public int DailyCap { get; set; } = 5;

    /// <summary>Template codes as the platform approved them, by rule; a rule missing here uses its default code (Delivery/Sms/SmsTemplates).</summary>
    public Dictionary<string, string> TemplateCodes { get; set; } = [];
}

/// <summary>How Notifications uses WeChat (the official account itself is the shared "WeChat" section).</summary>
public sealed class WeChatChannelSettings
{
    /// <summary>Template ids as chosen in the official account's console, by rule; a rule missing here uses its default (Delivery/WeChat/WeChatTemplates).</summary>
    public Dictionary<string, string> TemplateIds { get; set; } = [];
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

/// <summary>
/// The escalation chains of urgent rules ("Notifications:Escalation"). Level 0 is the rule's own
/// audience; each configured level follows the one before after its wait without acknowledgement.
/// Given in configuration, <see cref="Chains"/> replaces the defaults whole.
/// </summary>
public sealed class EscalationSettings
{
    /// <summary>How often due alarms are moved up their chains (and alarms that reached nobody are tried again).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    public List<EscalationChain>? Chains { get; set; }

    /// <summary>The chains in force: the configured ones, or the defaults (DESIGN §6).</summary>
    public IReadOnlyList<EscalationChain> ChainsInForce => Chains ?? DefaultChains;

    private static readonly IReadOnlyList<EscalationChain> DefaultChains =
    [
        new() { Rules = ["delivery-missed.lives-alone", "need-unmatched.urgent"], Levels =
        [
            new() { To = AlarmAudience.StationSupervisors, After = TimeSpan.FromMinutes(30) },
            new() { To = AlarmAudience.DistrictOfficers, After = TimeSpan.FromMinutes(60) },
        ] },
        // It went to the station's supervisors already (level 0): next, the district.
        new() { Rules = ["dispatch-failed"], Levels = [new() { To = AlarmAudience.DistrictOfficers, After = TimeSpan.FromMinutes(30) }] },
    ];

    /// <summary>The levels after level 0 for a rule (none: the alarm stays with the rule's audience until acknowledged).</summary>
    public IReadOnlyList<EscalationLevel> LevelsFor(string rule) =>
        ChainsInForce.FirstOrDefault(c => c.Rules.Contains(rule))?.Levels ?? [];

    /// <summary>What is wrong with the configured chains, each naming its configuration key; empty when they are sound.</summary>
    public IReadOnlyList<string> Problems(IReadOnlyCollection<string> urgentRules)
    {
        var problems = new List<string>();
        var chains = ChainsInForce;
        for (var c = 0; c < chains.Count; c++)
        {
            var key = $"Notifications:Escalation:Chains:{c}";
            if (chains[c].Rules.Count == 0) problems.Add($"{key}:Rules names no rule.");
            foreach (var rule in chains[c].Rules.Where(r => !urgentRules.Contains(r)))
                problems.Add($"{key}:Rules: '{rule}' is not an urgent rule (urgent rules: {string.Join(", ", urgentRules)}).");
            for (var l = 0; l < chains[c].Levels.Count; l++)
            {
                var level = chains[c].Levels[l];
                if (level.To == AlarmAudience.RuleAudience) problems.Add($"{key}:Levels:{l}:To: the rule's own audience is level 0; name who comes next.");
                if (level.After <= TimeSpan.Zero) problems.Add($"{key}:Levels:{l}:After must be a positive wait, e.g. 00:30:00.");
            }
        }
        foreach (var rule in chains.SelectMany(c => c.Rules).GroupBy(r => r).Where(g => g.Count() > 1))
            problems.Add($"Notifications:Escalation:Chains: rule '{rule.Key}' is in more than one chain.");
        return problems;
    }
}

public sealed class EscalationChain
{
    public List<string> Rules { get; set; } = [];
    public List<EscalationLevel> Levels { get; set; } = [];
}

public sealed class EscalationLevel
{
    public AlarmAudience To { get; set; }
    /// <summary>How long the level before has to acknowledge before this one is told.</summary>
    public TimeSpan After { get; set; }
}
