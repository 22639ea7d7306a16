using FiveSocieties.ChannelStandIns;

await ChannelStandIn.Build(args).RunAsync();
