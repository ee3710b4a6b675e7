namespace Microsoft.Extensions.DependencyInjection;

internal sealed class LiveChatBuilder(IServiceCollection services) : ILiveChatBuilder
{
    public IServiceCollection Services { get; } = services;
}
