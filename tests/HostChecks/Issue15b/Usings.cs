global using FluentAssertions;
global using Xunit;
global using LiveChat.Core;
global using LiveChat.Core.Agents;
global using LiveChat.Core.Conversations;
global using LiveChat.Core.Routing;
global using LiveChat.Core.Transport;
global using Microsoft.Extensions.DependencyInjection;
