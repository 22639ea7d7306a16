// A household that keeps answering "no meal tomorrow" may be ill, away, or unhappy with the
// canteen: after a few such answers in a row the caseworker should find out which. Pure: the
// case's state and a date in, the run out.
namespace FiveSocieties.Cases.Cases;

public static class MealSkipRun
{
    /// <summary>Skipped meals in a row, with no meal taken between them, that signal the caseworker.</summary>
    public const int Signal = 3;

    /// <summary>
    /// The run of skipped meal dates once <paramref name="skipped"/> is counted: every skip after
    /// the last meal taken, oldest first. A skip reported late for a day before that meal is history, not part of the run.
    /// </summary>
    public static IReadOnlyList<DateOnly> With(IReadOnlyList<DateOnly> run, DateOnly? lastMealTakenOn, DateOnly skipped) =>
        skipped <= lastMealTakenOn || run.Contains(skipped) ? run : [.. run.Append(skipped).Order()];

    /// <summary>What is left of the run once a meal on <paramref name="taken"/> reached the client.</summary>
    public static IReadOnlyList<DateOnly> After(IReadOnlyList<DateOnly> run, DateOnly taken) => [.. run.Where(d => d > taken)];
}
