using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveChat.Core.Internal;

/// <summary>
/// Lets the container build the SDK's public area services from their constructors, which are internal so that hosts
/// cannot make half-wired copies; the container itself only calls public constructors.
/// </summary>
internal static class ServiceConstruction
{
    private const DynamicallyAccessedMemberTypes Constructors = DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.NonPublicConstructors;

    /// <summary>Registers <typeparamref name="T"/> as a singleton unless it is registered, built by <see cref="Create{T}"/>.</summary>
    public static IServiceCollection TryAddBuilt<[DynamicallyAccessedMembers(Constructors)] T>(this IServiceCollection services)
        where T : class
    {
        services.TryAddSingleton(Create<T>);
        return services;
    }

    /// <summary>
    /// Calls <typeparamref name="T"/>'s one constructor, public or internal, with every parameter from
    /// <paramref name="services"/>; a parameter with a default value takes it when nothing is registered.
    /// </summary>
    /// <exception cref="InvalidOperationException">A required parameter's service is not registered.</exception>
    public static T Create<[DynamicallyAccessedMembers(Constructors)] T>(IServiceProvider services)
        where T : class
    {
        var constructor = typeof(T).GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Single();
        var arguments = constructor.GetParameters()
            .Select(p => services.GetService(p.ParameterType) ?? (p.HasDefaultValue ? p.DefaultValue : services.GetRequiredService(p.ParameterType)))
            .ToArray();
        return (T)constructor.Invoke(arguments);
    }
}
