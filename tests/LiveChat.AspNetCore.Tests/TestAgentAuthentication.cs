using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveChat.AspNetCore.Tests;

/// <summary>
/// The host's authentication in these tests: the header <c>X-Test-User: workspace/agent</c> signs in a user with the
/// default claims mapping's two claims. A real host uses cookies, JWT bearer or OpenID Connect the same way.
/// </summary>
internal sealed class TestAgentAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string Header = "X-Test-User";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var value = Request.Headers[Header].ToString();
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity(
            [new Claim("livechat:workspace", value[..slash]), new Claim("livechat:agent", value[(slash + 1)..])], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
