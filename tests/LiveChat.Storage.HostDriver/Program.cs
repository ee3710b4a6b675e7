// A host application in its own process, for the tests that need real processes. Usage:
//   LiveChat.Storage.HostDriver crash "<sqlite connection string>" <workers>
//       writes through the SDK on SQLite until killed; see CrashMode.
//   LiveChat.Storage.HostDriver claim "<postgresql connection string>" <workspace> <workers> <held per worker>
//       one node of the two-node test: claims and ends conversations until none waits; see ClaimMode.
// Every acknowledged write is reported on stdout, one line each, only after the call returned (so after it committed).
using LiveChat.Storage.HostDriver;

return args.Length > 0 && args[0] == "crash" ? await CrashMode.RunAsync(args[1..])
    : args.Length > 0 && args[0] == "claim" ? await ClaimMode.RunAsync(args[1..])
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: LiveChat.Storage.HostDriver crash <sqlite connection string> <workers>");
    Console.Error.WriteLine("       LiveChat.Storage.HostDriver claim <postgresql connection string> <workspace> <workers> <held per worker>");
    return 2;
}
