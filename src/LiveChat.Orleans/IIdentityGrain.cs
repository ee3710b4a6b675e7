using LiveChat.Core.Identity;

namespace LiveChat.Orleans;

/// <summary>
/// The single writer of one workspace's identity log in the cluster (features I2–I4, X7), keyed by the workspace id:
/// every silo's <see cref="IIdentityPort"/> sends it the workspace's identity decisions. The calls mirror
/// <see cref="IIdentityPort"/>.
/// </summary>
[Alias("livechat.identity")]
internal interface IIdentityGrain : IGrainWithStringKey
{
    /// <summary>Resolves a conversation to one contact (feature I2); the caller has checked the request already.</summary>
    [Alias("identify")]
    Task<IdentifyResult> IdentifyAsync(IdentifyRequest request);
}
