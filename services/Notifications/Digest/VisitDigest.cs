// The daily digest of overdue visits: one message per caseworker per day listing the cases,
// not one per case. One stream per (caseworker, day); the digest sweep sends it at DigestAt.
using System.Security.Cryptography;
using System.Text;

namespace FiveSocieties.Notifications.Digest;

public sealed record OverdueVisitNoted(Guid DigestId, Guid CaseworkerId, Guid StationId, DateOnly Day, DateTimeOffset SendAt, Guid CaseId, DateOnly DueOn);
public sealed record DigestSent(Guid NotificationId, DateTimeOffset At);

public sealed record OverdueCase(Guid CaseId, DateOnly DueOn);

public sealed record VisitDigest(Guid Id, Guid CaseworkerId, Guid StationId, DateOnly Day, DateTimeOffset SendAt,
    IReadOnlyList<OverdueCase> Cases, DateTimeOffset? SentAt, long Version)
{
    public static VisitDigest Create(OverdueVisitNoted e) =>
        new(e.DigestId, e.CaseworkerId, e.StationId, e.Day, e.SendAt,
            [new OverdueCase(e.CaseId, e.DueOn)], null, 1);

    public VisitDigest Apply(OverdueVisitNoted e) =>
        this with { Cases = [.. Cases, new OverdueCase(e.CaseId, e.DueOn)] };

    public VisitDigest Apply(DigestSent e) => this with { SentAt = e.At };

    public static Guid IdFor(Guid caseworkerId, DateOnly day)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"visit-digest|{caseworkerId:N}|{day:yyyy-MM-dd}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// Which day's digest a case noted at <paramref name="now"/> joins: today's if today's has not gone
    /// out yet (before <paramref name="digestAt"/> local time), else tomorrow's.
    /// </summary>
    public static (DateOnly Day, DateTimeOffset SendAt) DayFor(DateTimeOffset now, TimeOnly digestAt, string timeZone, int daysLater = 0)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) >= digestAt) day = day.AddDays(1);
        day = day.AddDays(daysLater);
        var sendLocal = day.ToDateTime(digestAt);
        return (day, new DateTimeOffset(sendLocal, zone.GetUtcOffset(sendLocal)).ToUniversalTime());
    }
}

public sealed record NoteOverdueVisit(Guid DigestId, Guid CaseworkerId, Guid StationId, DateOnly Day, DateTimeOffset SendAt, Guid CaseId, DateOnly DueOn);
public sealed record SendDigest(Guid NotificationId, DateTimeOffset At);

public static class VisitDigestDecider
{
    /// <summary>A case already in the digest is not listed twice; a digest already sent takes nothing more.</summary>
    public static IReadOnlyList<object> Decide(VisitDigest? state, NoteOverdueVisit c)
    {
        if (state?.SentAt is not null || state?.Cases.Any(x => x.CaseId == c.CaseId) == true) return [];
        return [new OverdueVisitNoted(c.DigestId, c.CaseworkerId, c.StationId, c.Day, c.SendAt, c.CaseId, c.DueOn)];
    }

    /// <summary>
    /// Several cases for one digest at once (one commit's worth): each listed once, whether it is in
    /// the digest already or earlier in <paramref name="notes"/> — decided one by one against the
    /// stored state, two notes of the same case would both pass.
    /// </summary>
    public static IReadOnlyList<object> Decide(VisitDigest? state, IEnumerable<NoteOverdueVisit> notes)
    {
        var listed = new HashSet<Guid>(state?.Cases.Select(c => c.CaseId) ?? []);
        return notes.Where(n => listed.Add(n.CaseId)).SelectMany(n => Decide(state, n)).ToList();
    }

    public static IReadOnlyList<object> Decide(VisitDigest? state, SendDigest c) =>
        state is { SentAt: null } && state.SendAt <= c.At ? [new DigestSent(c.NotificationId, c.At)] : [];
}
