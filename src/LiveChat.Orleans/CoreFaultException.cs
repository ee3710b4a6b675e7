using System.Reflection;
using System.Text.Json;
using LiveChat.Core;
using LiveChat.Core.Storage;

namespace LiveChat.Orleans;

/// <summary>
/// A core exception raised in a grain, on its way back to the caller (feature X7): the exception's type and the
/// arguments of its public constructor, read back from its properties of the same names, as JSON in the stores' shape.
/// The caller's side raises the core's own exception again with <see cref="Rebuild"/>, every property kept (Orleans'
/// own exception copy keeps the type and message, not the properties: an id read from it would be empty).
/// </summary>
[GenerateSerializer]
[Alias("livechat.fault")]
internal sealed class CoreFaultException : Exception
{
    /// <summary>Creates an empty fault, for the serializer.</summary>
    public CoreFaultException()
    {
    }

    /// <summary>Creates a fault with a message and no core exception.</summary>
    /// <param name="message">The message.</param>
    public CoreFaultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a fault with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public CoreFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The core exception's assembly-qualified type name.</summary>
    [Id(0)]
    public string TypeName { get; init; } = string.Empty;

    /// <summary>The constructor's arguments, in order, each as JSON.</summary>
    [Id(1)]
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>
    /// The fault carrying <paramref name="exception"/>, or <see langword="null"/> when it is not a core exception or has no
    /// public constructor whose parameters are all properties of the same names.
    /// </summary>
    internal static CoreFaultException? TryWrap(Exception exception)
    {
        var type = exception.GetType();
        if (exception is not (LiveChatException or ArgumentException) || type.Assembly != typeof(LiveChatException).Assembly
            || Constructor(type) is not { } constructor)
        {
            return null;
        }

        var arguments = constructor.GetParameters()
            .Select(p => JsonSerializer.Serialize(Property(type, p.Name!)!.GetValue(exception), p.ParameterType, StoreJson.Options))
            .ToList();
        return new CoreFaultException(exception.Message) { TypeName = type.AssemblyQualifiedName!, Arguments = arguments };
    }

    /// <summary>The core exception this fault carries, built again with the same arguments.</summary>
    /// <exception cref="InvalidOperationException">The type or its constructor is not found here (another version of the core).</exception>
    public Exception Rebuild()
    {
        var type = Type.GetType(TypeName, throwOnError: false);
        if (type is null || Constructor(type) is not { } constructor || constructor.GetParameters().Length != Arguments.Count)
        {
            throw new InvalidOperationException($"A grain raised {TypeName}, which this process cannot build again: {Message}");
        }

        var values = constructor.GetParameters().Select((p, i) => JsonSerializer.Deserialize(Arguments[i], p.ParameterType, StoreJson.Options)).ToArray();
        return (Exception)constructor.Invoke(values);
    }

    /// <summary>The public constructor with the most parameters that are all readable properties of the same names.</summary>
    private static ConstructorInfo? Constructor(Type type) => type.GetConstructors()
        .Where(c => c.GetParameters().All(p => Property(type, p.Name!) is { } property && p.ParameterType.IsAssignableFrom(property.PropertyType)))
        .MaxBy(c => c.GetParameters().Length);

    private static PropertyInfo? Property(Type type, string name)
        => type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
}
