// The dispatch planner: which volunteer takes which of a day's tasks, and in which order.
// Pure: no clock, no database, so that it can be tested on generated instances and measured
// against OR-Tools (fivesoc-bench dispatch).
//
// A volunteer's route: home → canteen (pick-up) → stops; an open route (nobody returns). Its
// length is what we minimise, summed over all volunteers (haversine kilometres). A volunteer
// serves one canteen per day, at most their remaining load, only tasks of their station whose
// skill they have, whose window falls inside one of their availability slots that day, and a
// child's task only with a cleared background check.
//
// Construction by cheapest insertion (farthest tasks first), then local search until nothing
// improves: relocate a stop to its best place in any route (including an unused volunteer's),
// 2-opt inside a route, 2-opt* (exchange the tails of two routes), swap two stops, and hand a
// whole route to an unused volunteer who lives closer to its canteen. The time left in the
// budget goes to ruin-and-recreate: remove a stop and its nearest neighbours, reinsert them
// cheapest-first, keep the result when the total got shorter.
using System.Diagnostics;
using FiveSocieties.Contracts.V1;
using FiveSocieties.Volunteers.Registry;

namespace FiveSocieties.Volunteers.Deliveries.Dispatching;

/// <summary>A task to place: where it is, where its meal is picked up, when, and who may do it.</summary>
public sealed record TaskToPlace(
    Guid Id, Guid StationId, DateOnly Date, TimeOnly WindowFrom, TimeOnly WindowTo, Position Location, Position PickUp,
    VolunteerSkill Skill, bool ChildFacing);

/// <summary>A volunteer who could take tasks, with the tasks of that day they already hold (kept, in order).</summary>
public sealed record CandidateVolunteer(
    Guid Id, Guid StationId, Position Home, IReadOnlySet<VolunteerSkill> Skills, IReadOnlyList<AvailabilitySlot> Availability,
    bool BackgroundCleared, int MaxLoad, IReadOnlyList<TaskToPlace> Held);

public sealed record PlannedRoute(Guid VolunteerId, Position? PickUp, IReadOnlyList<Guid> Stops, double Kilometres);

public sealed record DispatchPlan(IReadOnlyList<PlannedRoute> Routes, IReadOnlyList<Guid> Unassignable, double TotalKilometres)
{
    /// <summary>Each newly placed task: its volunteer and its stop number (1-based) in their route.</summary>
    public IEnumerable<(Guid TaskId, Guid VolunteerId, int Stop)> Assignments() =>
        Routes.SelectMany(r => r.Stops.Select((task, i) => (task, r.VolunteerId, i + 1)));
}

/// <param name="TimeBudget">When local search and ruin-and-recreate stop (construction always completes).</param>
/// <param name="RuinAndRecreate">Whether to spend the time left after local search on ruin-and-recreate.</param>
public sealed record PlannerOptions(TimeSpan TimeBudget, int MaxPasses = 50, bool RuinAndRecreate = true, int Seed = 1)
{
    /// <summary>For the service: a day's plan in at most two seconds.</summary>
    public static PlannerOptions Default { get; } = new(TimeSpan.FromSeconds(2));
}

public static class DispatchPlanner
{
    public static bool MayTake(CandidateVolunteer volunteer, TaskToPlace task) =>
        volunteer.StationId == task.StationId
        && volunteer.Skills.Contains(task.Skill)
        && (!task.ChildFacing || volunteer.BackgroundCleared)
        && volunteer.Availability.Any(slot => slot.Days.Contains(task.Date.DayOfWeek) && slot.From <= task.WindowFrom && slot.To >= task.WindowTo);

    public static double RouteKilometres(Position home, IReadOnlyList<Position> stops, Position pickUp)
    {
        if (stops.Count == 0) return 0;
        var total = home.KilometresTo(pickUp) + pickUp.KilometresTo(stops[0]);
        for (var i = 1; i < stops.Count; i++) total += stops[i - 1].KilometresTo(stops[i]);
        return total;
    }

    /// <summary>
    /// Plans each station on its own (a volunteer serves only their station's tasks, so stations
    /// are independent), in parallel, each with an equal share of the cores' time in the budget.
    /// </summary>
    public static DispatchPlan Plan(IReadOnlyList<TaskToPlace> tasks, IReadOnlyList<CandidateVolunteer> volunteers, PlannerOptions? options = null)
    {
        options ??= PlannerOptions.Default;
        var stations = tasks.Select(t => t.StationId).Distinct().ToArray();
        if (stations.Length <= 1) return new Solver(tasks, volunteers, options).Solve();
        var plans = new DispatchPlan[stations.Length];
        var cores = Math.Min(Environment.ProcessorCount, stations.Length);
        var share = options.TimeBudget * cores / stations.Length;
        Parallel.For(0, stations.Length, new ParallelOptions { MaxDegreeOfParallelism = cores }, i =>
            plans[i] = new Solver(tasks.Where(t => t.StationId == stations[i]).ToList(),
                volunteers.Where(v => v.StationId == stations[i]).ToList(), options with { TimeBudget = share, Seed = options.Seed + i }).Solve());
        return new DispatchPlan(plans.SelectMany(p => p.Routes).ToList(), plans.SelectMany(p => p.Unassignable).ToList(),
            plans.Sum(p => p.TotalKilometres));
    }

    private sealed class Solver
    {
        private const int MatrixLimit = 4000;          // tasks per pick-up point kept in a distance matrix (64 MB of floats)
        private const int Neighbours = 24;

        private readonly TaskToPlace[] _tasks;          // new tasks, then every held task
        private readonly int _newCount;
        private readonly CandidateVolunteer[] _volunteers;
        private readonly Position[] _location, _home;
        private readonly int[] _pickUp;                 // task → pick-up point index
        private readonly Position[] _pickUps;
        private readonly double[] _fromPickUp;          // task → distance from its pick-up
        private readonly int[] _local;                  // task → index in its pick-up's matrix
        private readonly float[]?[] _matrix;            // pick-up → distances between its tasks
        private readonly int[] _groupSize;
        private readonly List<int>[] _route;            // volunteer → task indices in order
        private readonly int[] _fixedCount;             // volunteer → held tasks (never moved)
        private readonly int[] _capacity;
        private readonly List<int>[] _mayTake;          // new task → volunteers allowed
        private readonly HashSet<int>[] _allowed;       // the same, for look-ups
        private readonly int[] _assignedTo;
        private readonly PlannerOptions _options;
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public Solver(IReadOnlyList<TaskToPlace> tasks, IReadOnlyList<CandidateVolunteer> volunteers, PlannerOptions options)
        {
            _options = options;
            _volunteers = volunteers.ToArray();
            var all = tasks.Concat(volunteers.SelectMany(v => v.Held)).ToArray();
            _tasks = all;
            _newCount = tasks.Count;
            _location = all.Select(t => t.Location).ToArray();
            var pickUps = new Dictionary<Position, int>();
            _pickUp = all.Select(t => pickUps.TryGetValue(t.PickUp, out var i) ? i : pickUps[t.PickUp] = pickUps.Count).ToArray();
            _pickUps = pickUps.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
            _fromPickUp = all.Select((t, i) => _pickUps[_pickUp[i]].KilometresTo(t.Location)).ToArray();
            _groupSize = new int[_pickUps.Length];
            _local = new int[all.Length];
            for (var t = 0; t < all.Length; t++) _local[t] = _groupSize[_pickUp[t]]++;
            _matrix = new float[]?[_pickUps.Length];
            var members = Enumerable.Range(0, all.Length).GroupBy(t => _pickUp[t]).ToDictionary(g => g.Key, g => g.ToArray());
            foreach (var (group, list) in members)
            {
                if (list.Length > MatrixLimit) continue;
                var n = list.Length;
                var matrix = new float[n * n];
                for (var a = 0; a < n; a++)
                for (var b = a + 1; b < n; b++)
                    matrix[a * n + b] = matrix[b * n + a] = (float)_location[list[a]].KilometresTo(_location[list[b]]);
                _matrix[group] = matrix;
            }
            _home = _volunteers.Select(v => v.Home).ToArray();
            _route = new List<int>[_volunteers.Length];
            _fixedCount = new int[_volunteers.Length];
            _capacity = new int[_volunteers.Length];
            var heldIndex = _newCount;
            for (var v = 0; v < _volunteers.Length; v++)
            {
                _route[v] = [];
                foreach (var _ in _volunteers[v].Held) _route[v].Add(heldIndex++);
                _fixedCount[v] = _route[v].Count;
                _capacity[v] = _volunteers[v].MaxLoad;
            }
            _assignedTo = Enumerable.Repeat(-1, all.Length).ToArray();
            var byStation = _volunteers.Select((v, i) => (v, i)).ToLookup(x => x.v.StationId, x => x.i);
            _mayTake = new List<int>[_newCount];
            for (var t = 0; t < _newCount; t++)
                _mayTake[t] = byStation[_tasks[t].StationId].Where(v => MayTake(_volunteers[v], _tasks[t])).ToList();
            _allowed = _mayTake.Select(list => list.ToHashSet()).ToArray();
            _members = members;
        }

        private readonly Dictionary<int, int[]> _members;

        public DispatchPlan Solve()
        {
            Insert(Enumerable.Range(0, _newCount));
            // Local search may free room (a relocated stop, a handed-over route): place what is
            // still waiting, until nothing more fits.
            do Improve(); while (Insert(Enumerable.Range(0, _newCount).Where(t => _assignedTo[t] < 0)) > 0);
            if (_options.RuinAndRecreate && !OutOfTime)
            {
                RuinAndRecreate();
                do Improve(); while (Insert(Enumerable.Range(0, _newCount).Where(t => _assignedTo[t] < 0)) > 0);
            }
            var routes = new List<PlannedRoute>();
            var total = 0.0;
            for (var v = 0; v < _volunteers.Length; v++)
            {
                if (_route[v].Count == 0) continue;
                var km = Cost(v);
                total += km;
                routes.Add(new PlannedRoute(_volunteers[v].Id, _pickUps[_pickUp[_route[v][0]]], _route[v].Select(t => _tasks[t].Id).ToList(), km));
            }
            var unassignable = Enumerable.Range(0, _newCount).Where(t => _assignedTo[t] < 0).Select(t => _tasks[t].Id).ToList();
            return new DispatchPlan(routes, unassignable, total);
        }

        /// <summary>Kilometres from a stop (or, for -1, from the pick-up of <paramref name="b"/>) to stop b.</summary>
        private double L(int a, int b)
        {
            if (a < 0) return _fromPickUp[b];
            var group = _pickUp[a];
            if (group == _pickUp[b] && _matrix[group] is { } matrix) return matrix[_local[a] * _groupSize[group] + _local[b]];
            return _location[a].KilometresTo(_location[b]);
        }

        private double HomeLeg(int v, int t) => _home[v].KilometresTo(_pickUps[_pickUp[t]]);

        private double Cost(int v)
        {
            var r = _route[v];
            if (r.Count == 0) return 0;
            var total = HomeLeg(v, r[0]) + L(-1, r[0]);
            for (var i = 1; i < r.Count; i++) total += L(r[i - 1], r[i]);
            return total;
        }

        /// <summary>The cheapest place for task t in volunteer v's route, or +∞ when v may not take it there.</summary>
        private (double Delta, int Position) BestInsertion(int v, int t, int skip = -1)
        {
            var r = _route[v];
            var count = r.Count - (skip >= 0 ? 1 : 0);
            if (count >= _capacity[v]) return (double.PositiveInfinity, -1);
            if (count == 0) return (HomeLeg(v, t) + L(-1, t), 0);
            var first = r[0] == skip ? r[1] : r[0];
            if (_pickUp[first] != _pickUp[t]) return (double.PositiveInfinity, -1);
            var best = double.PositiveInfinity;
            var bestAt = -1;
            var previous = -1;
            var at = 0; // insertion index among the route without `skip`
            var fixedCount = _fixedCount[v]; // positions come after the held stops
            for (var i = 0; i < r.Count; i++)
            {
                var here = r[i];
                if (here == skip) continue;
                if (at >= fixedCount)
                {
                    var delta = L(previous, t) + L(t, here) - L(previous, here);
                    if (delta < best) { best = delta; bestAt = at; }
                }
                previous = here;
                at++;
            }
            var tail = L(previous, t);
            if (tail < best) { best = tail; bestAt = at; }
            return (best, bestAt);
        }

        /// <summary>Cheapest insertion of each task, farthest from its pick-up first (the hard ones open routes, the easy ones fill them).</summary>
        private int Insert(IEnumerable<int> tasks)
        {
            var placed = 0;
            foreach (var t in tasks.OrderByDescending(t => _fromPickUp[t]).ToArray())
                if (PlaceCheapest(t, null) < double.PositiveInfinity) placed++;
            return placed;
        }

        /// <summary>Puts t where it adds least; returns that or +∞ when nobody may take it. Routes changed are saved first into <paramref name="saved"/>.</summary>
        private double PlaceCheapest(int t, Dictionary<int, List<int>>? saved)
        {
            var best = double.PositiveInfinity;
            int bestV = -1, bestAt = -1;
            foreach (var v in _mayTake[t])
            {
                var (delta, at) = BestInsertion(v, t);
                if (delta < best) { best = delta; bestV = v; bestAt = at; }
            }
            if (bestV < 0) return double.PositiveInfinity;
            if (saved is not null && !saved.ContainsKey(bestV)) saved[bestV] = [.. _route[bestV]];
            _route[bestV].Insert(bestAt, t);
            _assignedTo[t] = bestV;
            return best;
        }

        private bool OutOfTime => _clock.Elapsed > _options.TimeBudget;

        private void Improve()
        {
            for (var pass = 0; pass < _options.MaxPasses && !OutOfTime; pass++)
            {
                var improved = false;
                for (var v = 0; v < _volunteers.Length && !OutOfTime; v++) improved |= TwoOpt(v);
                improved |= Relocate();
                improved |= ExchangeTails();
                improved |= SwapStops();
                improved |= HandOverRoutes();
                if (!improved) break;
            }
        }

        /// <summary>Reverses a segment of the movable part of v's route when that shortens it.</summary>
        private bool TwoOpt(int v)
        {
            var r = _route[v];
            var start = _fixedCount[v];
            if (r.Count - start < 3) return false;
            var any = false;
            bool improved;
            do
            {
                improved = false;
                for (var i = start; i < r.Count - 1; i++)
                {
                    var before = i == 0 ? -1 : r[i - 1];
                    for (var j = i + 1; j < r.Count; j++)
                    {
                        var a = r[i];
                        var b = r[j];
                        var removed = L(before, a);
                        var added = L(before, b);
                        if (j + 1 < r.Count)
                        {
                            var after = r[j + 1];
                            removed += L(b, after);
                            added += L(a, after);
                        }
                        if (added < removed - 1e-9)
                        {
                            r.Reverse(i, j - i + 1);
                            improved = any = true;
                        }
                    }
                }
            } while (improved && !OutOfTime);
            return any;
        }

        /// <summary>Moves each new task to the cheapest place in any route it may join, when that saves distance.</summary>
        private bool Relocate()
        {
            var any = false;
            for (var t = 0; t < _newCount && !OutOfTime; t++)
            {
                var from = _assignedTo[t];
                if (from < 0) continue;
                var saving = RemovalSaving(from, t);
                var best = saving - 1e-9;
                int bestV = -1, bestAt = -1;
                foreach (var v in _mayTake[t])
                {
                    var (delta, at) = v == from ? BestInsertion(v, t, skip: t) : BestInsertion(v, t);
                    if (delta < best) { best = delta; bestV = v; bestAt = at; }
                }
                if (bestV < 0) continue;
                _route[from].Remove(t);
                _route[bestV].Insert(bestAt, t);
                _assignedTo[t] = bestV;
                any = true;
            }
            return any;
        }

        /// <summary>How much shorter v's route gets without task t (its whole length when t is the only stop).</summary>
        private double RemovalSaving(int v, int t)
        {
            var r = _route[v];
            if (r.Count == 1) return Cost(v);
            var i = r.IndexOf(t);
            var previous = i == 0 ? -1 : r[i - 1];
            if (i == r.Count - 1) return L(previous, t);
            var next = r[i + 1];
            return L(previous, t) + L(t, next) - L(previous, next);
        }

        private bool MayMove(int t, int v) => t < _newCount && _allowed[t].Contains(v);

        /// <summary>The route pairs worth trying: both non-empty and picking up at the same place.</summary>
        private List<(int A, int B)> RoutePairs()
        {
            var pairs = new List<(int, int)>();
            var byPickUp = Enumerable.Range(0, _volunteers.Length).Where(v => _route[v].Count > 0).GroupBy(v => _pickUp[_route[v][0]]);
            foreach (var group in byPickUp)
            {
                var used = group.ToArray();
                for (var a = 0; a < used.Length; a++)
                for (var b = a + 1; b < used.Length; b++) pairs.Add((used[a], used[b]));
            }
            return pairs;
        }

        /// <summary>
        /// 2-opt*: cut two routes and exchange their tails (A = a… + …b, B = b… + …a) when that is
        /// shorter; it untangles routes that cross, which moving one stop at a time cannot.
        /// </summary>
        private bool ExchangeTails()
        {
            var any = false;
            foreach (var (a, b) in RoutePairs())
            {
                if (OutOfTime) break;
                var ra = _route[a];
                var rb = _route[b];
                if (ra.Count == 0 || rb.Count == 0) continue;
                double bestDelta = -1e-9;
                int bestI = -1, bestJ = -1;
                var tailBtoA = new bool[rb.Count + 1];
                tailBtoA[rb.Count] = true;
                for (var j = rb.Count - 1; j >= 0; j--) tailBtoA[j] = tailBtoA[j + 1] && MayMove(rb[j], a);
                var tailAtoB = new bool[ra.Count + 1];
                tailAtoB[ra.Count] = true;
                for (var i = ra.Count - 1; i >= 0; i--) tailAtoB[i] = tailAtoB[i + 1] && MayMove(ra[i], b);
                for (var i = _fixedCount[a]; i <= ra.Count; i++)
                {
                    if (!tailAtoB[i]) continue;
                    var prevA = i == 0 ? -1 : ra[i - 1];
                    var nextA = i < ra.Count ? ra[i] : -1;
                    for (var j = _fixedCount[b]; j <= rb.Count; j++)
                    {
                        if (!tailBtoA[j]) continue;
                        var nextB = j < rb.Count ? rb[j] : -1;
                        if (nextA < 0 && nextB < 0) continue;
                        var newA = i + rb.Count - j;
                        var newB = j + ra.Count - i;
                        if (newA > _capacity[a] || newB > _capacity[b]) continue;
                        var prevB = j == 0 ? -1 : rb[j - 1];
                        var delta = 0.0;
                        if (nextA >= 0) delta += L(prevB, nextA) - L(prevA, nextA);
                        if (nextB >= 0) delta += L(prevA, nextB) - L(prevB, nextB);
                        if (newA == 0) delta -= HomeLeg(a, ra[0]);
                        if (newB == 0) delta -= HomeLeg(b, rb[0]);
                        if (delta < bestDelta) { bestDelta = delta; bestI = i; bestJ = j; }
                    }
                }
                if (bestI < 0) continue;
                var tailA = ra.GetRange(bestI, ra.Count - bestI);
                var tailB = rb.GetRange(bestJ, rb.Count - bestJ);
                ra.RemoveRange(bestI, ra.Count - bestI);
                rb.RemoveRange(bestJ, rb.Count - bestJ);
                ra.AddRange(tailB);
                rb.AddRange(tailA);
                foreach (var t in tailB) _assignedTo[t] = a;
                foreach (var t in tailA) _assignedTo[t] = b;
                any = true;
            }
            return any;
        }

        /// <summary>Exchanges one stop of a route with one stop of another when both may and the two routes get shorter.</summary>
        private bool SwapStops()
        {
            var any = false;
            foreach (var (a, b) in RoutePairs())
            {
                if (OutOfTime) break;
                var ra = _route[a];
                var rb = _route[b];
                for (var i = _fixedCount[a]; i < ra.Count; i++)
                {
                    if (!MayMove(ra[i], b)) continue;
                    for (var j = _fixedCount[b]; j < rb.Count; j++)
                    {
                        if (!MayMove(rb[j], a)) continue;
                        var delta = Replace(ra, i, rb[j]) + Replace(rb, j, ra[i]);
                        if (delta >= -1e-9) continue;
                        (ra[i], rb[j]) = (rb[j], ra[i]);
                        _assignedTo[ra[i]] = a;
                        _assignedTo[rb[j]] = b;
                        any = true;
                    }
                }
            }
            return any;
        }

        /// <summary>How much longer route r gets when its stop at i is replaced by task t.</summary>
        private double Replace(List<int> r, int i, int t)
        {
            var previous = i == 0 ? -1 : r[i - 1];
            var old = r[i];
            var delta = L(previous, t) - L(previous, old);
            if (i + 1 < r.Count) delta += L(t, r[i + 1]) - L(old, r[i + 1]);
            return delta;
        }

        /// <summary>Gives a whole route (no held tasks) to an unused volunteer who may take all of it and lives closer to its pick-up.</summary>
        private bool HandOverRoutes()
        {
            var any = false;
            for (var v = 0; v < _volunteers.Length; v++)
            {
                var r = _route[v];
                if (r.Count == 0 || _fixedCount[v] > 0) continue;
                var current = HomeLeg(v, r[0]);
                var best = -1;
                foreach (var w in _mayTake[r[0]])
                {
                    if (_route[w].Count > 0 || _capacity[w] < r.Count) continue;
                    var there = HomeLeg(w, r[0]);
                    if (there < current - 1e-9 && r.All(t => _allowed[t].Contains(w))) { current = there; best = w; }
                }
                if (best < 0) continue;
                _route[best] = r;
                _route[v] = [];
                foreach (var t in r) _assignedTo[t] = best;
                any = true;
            }
            return any;
        }

        /// <summary>
        /// Until the budget runs out: take a placed stop and its nearest placed neighbours out,
        /// put them back cheapest-first (in a random order), polish the routes touched with
        /// 2-opt, and keep the result only when the total got shorter.
        /// </summary>
        private void RuinAndRecreate()
        {
            var random = new Random(_options.Seed);
            var placed = Enumerable.Range(0, _newCount).Where(t => _assignedTo[t] >= 0).ToArray();
            if (placed.Length < 2) return;
            var neighbours = new int[_newCount][];
            foreach (var t in placed)
            {
                var group = _members[_pickUp[t]];
                neighbours[t] = group.Where(o => o != t && o < _newCount)
                    .OrderBy(o => L(t, o)).Take(Neighbours).ToArray();
            }
            var saved = new Dictionary<int, List<int>>();
            var removed = new List<int>();
            // Small days converge long before the budget: stop after enough tries per stop.
            for (var attempt = 0; attempt < 100 * placed.Length && !OutOfTime; attempt++)
            {
                var seed = placed[random.Next(placed.Length)];
                if (_assignedTo[seed] < 0) continue;
                var size = random.Next(4, Neighbours / 2);
                removed.Clear();
                removed.Add(seed);
                foreach (var o in neighbours[seed]) if (removed.Count < size && _assignedTo[o] >= 0) removed.Add(o);
                saved.Clear();
                var delta = 0.0;
                foreach (var t in removed)
                {
                    var v = _assignedTo[t];
                    if (!saved.ContainsKey(v)) saved[v] = [.. _route[v]];
                    delta -= RemovalSaving(v, t);
                    _route[v].Remove(t);
                    _assignedTo[t] = -1;
                }
                // Random order with a bias to the far ones: diversity without losing the construction's sense.
                foreach (var t in removed.OrderByDescending(t => _fromPickUp[t] * (0.7 + 0.6 * random.NextDouble())).ToArray())
                    delta += PlaceCheapest(t, saved);
                if (delta < double.PositiveInfinity)
                    foreach (var v in saved.Keys)
                    {
                        var before = Cost(v);
                        TwoOpt(v);
                        delta += Cost(v) - before;
                    }
                if (delta < -1e-9) continue; // shorter: keep it
                foreach (var (v, route) in saved)
                {
                    _route[v] = route;
                    foreach (var t in route) if (t < _newCount) _assignedTo[t] = v;
                }
                foreach (var t in removed) if (!saved.Values.Any(r => r.Contains(t))) _assignedTo[t] = -1;
            }
        }
    }
}
