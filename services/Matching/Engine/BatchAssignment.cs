namespace FiveSocieties.Matching.Engine;

/// <summary>
/// Many needs and offers at once (a canteen opening, a start-up backlog): which need gets which
/// offer so that the total score is as high as possible, each offer within its free places and
/// each need at most once. Scores are whole numbers (e.g. points × 1000); a need may stay
/// unassigned (value 0).
/// </summary>
/// <param name="Offsets">Need i's edges are <c>Offsets[i] .. Offsets[i+1]-1</c>.</param>
/// <param name="Offers">The offer index of each edge.</param>
/// <param name="Values">The score of each edge (positive).</param>
public sealed record AssignmentProblem(int Needs, int[] Capacities, int[] Offsets, int[] Offers, long[] Values)
{
    public long Total(int[] assignment)
    {
        long total = 0;
        for (var i = 0; i < Needs; i++)
        {
            if (assignment[i] < 0) continue;
            for (var e = Offsets[i]; e < Offsets[i + 1]; e++)
                if (Offers[e] == assignment[i]) { total += Values[e]; break; }
        }
        return total;
    }
}

public static class BatchAssignment
{
    /// <summary>The obvious heuristic, for comparison: best pairs first while places last.</summary>
    public static int[] Greedy(AssignmentProblem problem)
    {
        var edges = Enumerable.Range(0, problem.Offers.Length).ToArray();
        var owner = new int[problem.Offers.Length];
        for (var i = 0; i < problem.Needs; i++)
            for (var e = problem.Offsets[i]; e < problem.Offsets[i + 1]; e++) owner[e] = i;
        Array.Sort(problem.Values.Select(v => -v).ToArray(), edges);
        var assignment = Enumerable.Repeat(-1, problem.Needs).ToArray();
        var free = (int[])problem.Capacities.Clone();
        foreach (var e in edges)
        {
            var need = owner[e];
            var offer = problem.Offers[e];
            if (assignment[need] >= 0 || free[offer] == 0) continue;
            assignment[need] = offer;
            free[offer]--;
        }
        return assignment;
    }

    /// <summary>
    /// Greedy, then improved by local moves until none gains: a need moves to a better offer
    /// with a free place; an unassigned (or poorly placed) need takes a place from a holder that
    /// can move to a free place elsewhere (or leave), when the exchange raises the total. Each
    /// move strictly raises the total, so it ends; capacity holds throughout.
    /// </summary>
    public static int[] GreedyImproved(AssignmentProblem problem, int maxPasses = 50)
    {
        var assignment = Greedy(problem);
        var free = (int[])problem.Capacities.Clone();
        var holders = new List<int>[problem.Capacities.Length];
        for (var j = 0; j < holders.Length; j++) holders[j] = [];
        for (var i = 0; i < problem.Needs; i++)
            if (assignment[i] >= 0) { free[assignment[i]]--; holders[assignment[i]].Add(i); }

        long ValueOf(int need, int offer)
        {
            if (offer < 0) return 0;
            for (var e = problem.Offsets[need]; e < problem.Offsets[need + 1]; e++)
                if (problem.Offers[e] == offer) return problem.Values[e];
            return 0;
        }

        // The best free place for a need other than `except` (or -1 to leave: value 0).
        (int Offer, long Value) BestFree(int need, int except)
        {
            (int, long) best = (-1, 0);
            for (var e = problem.Offsets[need]; e < problem.Offsets[need + 1]; e++)
            {
                var k = problem.Offers[e];
                if (k != except && free[k] > 0 && problem.Values[e] > best.Item2) best = (k, problem.Values[e]);
            }
            return best;
        }

        void Move(int need, int to)
        {
            var from = assignment[need];
            if (from >= 0) { free[from]++; holders[from].Remove(need); }
            if (to >= 0) { free[to]--; holders[to].Add(need); }
            assignment[need] = to;
        }

        for (var pass = 0; pass < maxPasses; pass++)
        {
            var improved = false;
            for (var i = 0; i < problem.Needs; i++)
            {
                var current = ValueOf(i, assignment[i]);
                long bestGain = 0;
                int bestOffer = -1, displaced = -1, displacedTo = -1;
                for (var e = problem.Offsets[i]; e < problem.Offsets[i + 1]; e++)
                {
                    var j = problem.Offers[e];
                    if (j == assignment[i]) continue;
                    if (free[j] > 0)
                    {
                        var gain = problem.Values[e] - current;
                        if (gain > bestGain) (bestGain, bestOffer, displaced) = (gain, j, -1);
                        continue;
                    }
                    foreach (var h in holders[j])
                    {
                        // h leaves j for its best free place (or i's old place, freed by the move).
                        var (k, alternative) = BestFree(h, j);
                        if (assignment[i] >= 0 && assignment[i] != j)
                        {
                            var swap = ValueOf(h, assignment[i]);
                            if (swap > alternative) (k, alternative) = (assignment[i], swap);
                        }
                        var gain = problem.Values[e] - current - ValueOf(h, j) + alternative;
                        if (gain > bestGain) (bestGain, bestOffer, displaced, displacedTo) = (gain, j, h, k);
                    }
                }
                if (bestGain <= 0) continue;
                if (displaced >= 0)
                {
                    Move(displaced, -1);
                    Move(i, bestOffer);
                    if (displacedTo >= 0) Move(displaced, displacedTo); // a free place, or the one i just left
                }
                else Move(i, bestOffer);
                improved = true;
            }
            if (!improved) break;
        }
        return assignment;
    }
}
