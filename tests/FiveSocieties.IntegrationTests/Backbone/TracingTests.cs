using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using FiveSocieties.BuildingBlocks.Security;
using FiveSocieties.IntegrationTests.Infrastructure;

namespace FiveSocieties.IntegrationTests.Backbone;

/// <summary>One trace follows a request from HTTP through the relay and RabbitMQ to the consumer in the next service.</summary>
public sealed class TracingTests(FourServices services) : IClassFixture<FourServices>, IDisposable
{
    private readonly ConcurrentBag<Activity> _finished = [];
    private ActivityListener? _listener;

    [Fact]
    public async Task The_consumer_in_another_service_continues_the_trace_of_the_request_that_opened_the_case()
    {
        var trace = ActivityTraceId.CreateRandom();
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.TraceId == trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.PropagationData,
            ActivityStopped = activity => { if (activity.TraceId == trace) _finished.Add(activity); },
        };
        ActivitySource.AddActivityListener(_listener);

        var station = Guid.NewGuid();
        var client = services.Cases.ClientAs(Roles.Caseworker, Guid.NewGuid(), station);
        var request = new HttpRequestMessage(HttpMethod.Post, "/cases") { Content = JsonContent.Create(FourServicesTests.NewCase(stationId: station)) };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var consumed = await Eventually.Until(
            () => Task.FromResult(_finished.Where(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer).ToList()),
            list => list.Count >= 3, "the three consuming services to record their consume spans in the request's trace");
        consumed.ShouldAllBe(a => a.TraceId == trace);
        _finished.ShouldContain(a => a.Source.Name == "FiveSocieties.Relay");
    }

    public void Dispose() => _listener?.Dispose();
}
