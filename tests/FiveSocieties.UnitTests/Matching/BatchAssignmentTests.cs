using FiveSocieties.Matching.Engine;

namespace FiveSocieties.UnitTests.Matching;

/// <summary>The batch heuristic against the exact optimum found by trying every assignment of small instances.</summary>
public sealed class BatchAssignmentTests
{
    private static AssignmentProblem Random(int seed, int needs, int offers)
    {
        var random = new Random(seed);
        var capacities = Enumerable.Range(0, offers).Select(_ => random.Next(0, 3)).ToArray();
        var offsets = new List<int> { 0 };
        var targets = new List<int>();
        var values = new List<long>();
        for (var i = 0; i < needs; i++)
        {
            foreach (var j in Enumerable.Range(0, offers).Where(_ => random.NextDouble() < 0.6))
            {
                targets.Add(j);
                values.Add(random.Next(1, 100_000));
            }
            offsets.Add(targets.Count);
        }
        return new AssignmentProblem(needs, capacities, offsets.ToArray(), targets.ToArray(), values.ToArray());
    }

    private static long Optimum(AssignmentProblem problem)
    {
        var used = new int[problem.Capacities.Length];
        long Best(int i)
        {
            if (i == problem.Needs) return 0;
            var best = Best(i + 1); // unassigned
            for (var e = problem.Offsets[i]; e < problem.Offsets[i + 1]; e++)
            {
                var j = problem.Offers[e];
                if (used[j] == problem.Capacities[j]) continue;
                used[j]++;
                best = Math.Max(best, problem.Values[e] + Best(i + 1));
                used[j]--;
            }
            return best;
        }
        return Best(0);
    }

    private static void Valid(AssignmentProblem problem, int[] assignment)
    {
        for (var j = 0; j < problem.Capacities.Length; j++) assignment.Count(a => a == j).ShouldBeLessThanOrEqualTo(problem.Capacities[j]);
        for (var i = 0; i < problem.Needs; i++)
            if (assignment[i] >= 0) problem.Offers[problem.Offsets[i]..problem.Offsets[i + 1]].ShouldContain(assignment[i]);
    }

    [Fact]
    public void Greedy_takes_the_best_pair_first_and_the_improvement_repairs_it()
    {
        // Need 0 values offer 0 at 10 and offer 1 at 9; need 1 values only offer 0, at 9. One place each.
        var problem = new AssignmentProblem(2, [1, 1], [0, 2, 3], [0, 1, 0], [10, 9, 9]);
        problem.Total(BatchAssignment.Greedy(problem)).ShouldBe(10);
        var improved = BatchAssignment.GreedyImproved(problem);
        improved.ShouldBe([1, 0]);
        problem.Total(improved).ShouldBe(18);
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)] [InlineData(7)] [InlineData(8)]
    public void The_improved_assignment_never_over_allocates_never_loses_to_greedy_and_never_beats_the_optimum(int seed)
    {
        var problem = Random(seed, needs: 7, offers: 4);
        var optimum = Optimum(problem);
        var greedy = BatchAssignment.Greedy(problem);
        var improved = BatchAssignment.GreedyImproved(problem);
        Valid(problem, greedy);
        Valid(problem, improved);
        problem.Total(greedy).ShouldBeLessThanOrEqualTo(problem.Total(improved));
        problem.Total(improved).ShouldBeLessThanOrEqualTo(optimum);
    }
}
