using System.Reflection;
using LiveChat.Core;
using LiveChat.Core.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace LiveChat.Orleans.Tests;

/// <summary>
/// Every exception the identity port documents crosses a grain boundary as the core's own type with its values and
/// message (feature X7), not as Orleans' fallback for types outside its known namespaces.
/// </summary>
public sealed class ExceptionRoundTripTests
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(RouterGrain).Assembly))
        .BuildServiceProvider();

    public static TheoryData<Exception> Documented() =>
    [
        new ContactNotFoundException(new("acme"), new(Guid.NewGuid())),
        new ConversationNotFoundException(new("acme"), new(Guid.NewGuid())),
        new IdentifierNotLinkedException(new(Guid.NewGuid()), IdentifierKind.Phone),
        new MergeRefusedException("a contact cannot be merged into itself"),
        new HostVerificationFailedException("the signature does not verify"),
        new InvalidIdentifierException(IdentifierKind.Email, "is empty"),
        new IdentityLogConflictException(new("acme"), 4, 7),
        new CrmRecordNotFoundException(new("acme"), new("lead-42")),
        new StoreUnavailableException("commit", new TimeoutException("no answer in 30 s")),
        new ArgumentException("The value is too long.", "actor"),
        new ArgumentNullException("request"),
        new NotSupportedException("The conversation store cannot erase message text."),
    ];

    [Theory]
    [MemberData(nameof(Documented))]
    public void SerializeThenDeserialize_ADocumentedException_ArrivesAsTheSameTypeWithItsValues(Exception exception)
    {
        var thrown = Thrown(exception);
        var serializer = Services.GetRequiredService<Serializer>();

        var back = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(thrown))!;

        back.Should().BeOfType(exception.GetType());
        back.Message.Should().Be(exception.Message);
        foreach (var property in exception.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            property.GetValue(back).Should().Be(property.GetValue(exception), property.Name);
        }

        LiveChatException.CategoryOf(back).Should().Be(LiveChatException.CategoryOf(exception));
        back.InnerException?.GetType().Should().Be(exception.InnerException!.GetType());
        back.InnerException?.Message.Should().Be(exception.InnerException!.Message);
        back.StackTrace.Should().Contain(nameof(Thrown), "the grain's stack trace arrives as the remote one");
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
