using FiveSocieties.Notifications.Delivery.Webhooks;
using FiveSocieties.Notifications.Rules;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Polly;
using Polly.Retry;

namespace FiveSocieties.Notifications.Delivery.Email;

/// <summary>Sends a notification as e-mail over SMTP (MailKit), in the recipient's language, retried with back-off.</summary>
public sealed class EmailSender(NotificationSettings settings)
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<SmtpCommandException>().Handle<SmtpProtocolException>()
                .Handle<IOException>().Handle<System.Net.Sockets.SocketException>().Handle<TimeoutException>(),
            MaxRetryAttempts = settings.Smtp.Retries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = settings.Smtp.RetryBaseDelay,
        })
        .Build();

    public bool Configured => !string.IsNullOrWhiteSpace(settings.Smtp.Host);

    public async Task<SendResult> SendAsync(string to, RenderedMessage message, Guid notificationId, CancellationToken ct)
    {
        if (!Configured) return new SendResult(false, false, 0, "no SMTP server configured");
        var tries = 0;
        try
        {
            await _retry.ExecuteAsync(async token =>
            {
                tries++;
                var mail = new MimeMessage();
                mail.From.Add(MailboxAddress.Parse(settings.Smtp.From));
                mail.To.Add(MailboxAddress.Parse(to));
                mail.Subject = message.Title;
                mail.Headers.Add("Content-Language", message.Language);
                mail.Headers.Add("X-FiveSoc-Notification-Id", notificationId.ToString());
                mail.Body = new TextPart("plain") { Text = message.Body };
                using var smtp = new SmtpClient();
                await smtp.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, SecureSocketOptions.None, token);
                await smtp.SendAsync(mail, token);
                await smtp.DisconnectAsync(true, token);
            }, ct);
            return new SendResult(true, false, tries, "sent");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException
                                      or TimeoutException)
        {
            return new SendResult(false, false, tries, $"{e.GetType().Name}: {e.Message} after {tries} tries");
        }
    }
}
