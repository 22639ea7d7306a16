using System.ComponentModel;
using FiveSocieties.BuildingBlocks.Security;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FiveSocieties.Cli;

public sealed class TokenCommand : Command<TokenCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--role <ROLE>"), Description("caseworker, supervisor, coordinator, district-officer, volunteer, provider or admin (repeatable)")]
        public string[] Roles { get; init; } = [];

        [CommandOption("--user <ID>"), Description("the user's id (a GUID); a new one when omitted")]
        public Guid? User { get; init; }

        [CommandOption("--station <ID>"), Description("the station the user works for")]
        public Guid? Station { get; init; }

        [CommandOption("--provider <ID>"), Description("for provider users: the provider (organisation) they act for")]
        public Guid? Provider { get; init; }

        [CommandOption("--district <CODE>"), Description("for district officers: the 6-digit code of their district")]
        public string? District { get; init; }

        [CommandOption("--name <NAME>")]
        public string? Name { get; init; }

        [CommandOption("--hours <N>"), DefaultValue(12)]
        public int Hours { get; init; }

        public override ValidationResult Validate()
        {
            if (Roles.Length == 0) return ValidationResult.Error("--role is required");
            var unknown = Roles.Except(BuildingBlocks.Security.Roles.All).ToList();
            return unknown.Count > 0
                ? ValidationResult.Error($"unknown role {string.Join(", ", unknown)}; use {string.Join(", ", BuildingBlocks.Security.Roles.All)}")
                : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var auth = new AuthSettings { DevelopmentSigningKey = Environment.GetEnvironmentVariable("Auth__DevelopmentSigningKey") };
        Console.WriteLine(DevelopmentTokens.Mint(auth, settings.User ?? Guid.NewGuid(), settings.Roles, settings.Station,
            settings.Name, TimeSpan.FromHours(settings.Hours), settings.Provider, settings.District));
        return 0;
    }
}
