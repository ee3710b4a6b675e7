using LiveChat.Email.MailKit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Enables SMTP e-mail on a LiveChat.Core builder (feature E6).</summary>
public static class SmtpLiveChatBuilderExtensions
{
    /// <summary>
    /// Sends the SDK's e-mails over SMTP: <c>services.AddLiveChat().UseSmtp(o => { o.Host = "smtp.example.com"; })</c>.
    /// The options are validated when the host starts.
    /// </summary>
    /// <param name="builder">The builder from <c>AddLiveChat</c>.</param>
    /// <param name="configure">Sets <see cref="SmtpOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static ILiveChatBuilder UseSmtp(this ILiveChatBuilder builder, Action<SmtpOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<SmtpOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
        return builder.UseEmailTransport(sp => new SmtpEmailTransport(
            sp.GetRequiredService<IOptions<SmtpOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
    }
}
