using ConnCheck.Tests.EndToEnd;

namespace ConnCheck.Tests.Firewall;

/// <summary>
/// Runs Debian's <c>nft -c -f FILE</c>, which parses a ruleset and has the kernel check it without
/// applying anything. nft needs CAP_NET_ADMIN even to check, so a non-root run goes through
/// <c>unshare -rn</c>: a user and network namespace of its own, where it has that capability.
/// </summary>
internal static class ConvertFwNft
{
    public static async Task<ProcessResult> CheckAsync(string rulesetFile)
    {
        var nft = new[] { "/usr/sbin/nft", "/sbin/nft", "/usr/bin/nft" }.FirstOrDefault(File.Exists);
        if (nft is null)
        {
            Assert.Fail("nft not found: run `bash scripts/install-test-tools.sh` (Debian's nftables) first.");
        }

        var directory = Path.GetDirectoryName(rulesetFile)!;
        return Environment.IsPrivilegedProcess
            ? await ConnCheckBinary.RunProcessAsync(nft, ["-c", "-f", rulesetFile], directory)
            : await ConnCheckBinary.RunProcessAsync("unshare", ["-rn", nft, "-c", "-f", rulesetFile], directory);
    }
}
