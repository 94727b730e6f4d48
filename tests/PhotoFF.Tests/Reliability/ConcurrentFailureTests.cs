using System.Collections.Concurrent;
using PhotoFF.Codecs;
using PhotoFF.Tests.Support;

namespace PhotoFF.Tests.Reliability;

/// <summary>
/// A failure's reason and kind are the file's own however many decodes run at once (issue 6, item 9). libvips keeps one
/// error buffer per process: another thread's failure can read it, and another thread's success clears it, between a
/// failing call and the reading of its reason.
/// </summary>
public sealed class ConcurrentFailureTests
{
    [Fact]
    public async Task Each_bad_file_fails_with_the_reason_and_kind_it_has_alone_while_many_decodes_run()
    {
        string[] bad = Directory.GetFiles(TestImages.Path("bad")).Where(f => !f.EndsWith("xhdn0g08.png", StringComparison.Ordinal)).Order().ToArray();
        string[] good = [TestImages.Path("pngsuite", "png", "basn6a08.png"), TestImages.Path("pngsuite", "png", "basn0g01.png")];
        Dictionary<string, (CodecErrorKind Kind, string Reason)> alone = bad.ToDictionary(f => f, f => Failure(f)!.Value);

        ConcurrentBag<string> wrong = [];
        string[] work = [.. Enumerable.Repeat(bad.Concat(good), 40).SelectMany(files => files)];
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Waits.Run(() =>
        {
            for (int i = worker; i < work.Length; i += 8)
            {
                (CodecErrorKind Kind, string Reason)? failure = Failure(work[i]);
                if (alone.TryGetValue(work[i], out var expected) && failure != expected)
                {
                    wrong.Add($"{Path.GetFileName(work[i])}: {failure?.Kind} '{failure?.Reason}' instead of {expected.Kind} '{expected.Reason}'");
                }
                else if (!alone.ContainsKey(work[i]) && failure is not null)
                {
                    wrong.Add($"{Path.GetFileName(work[i])} failed: {failure.Value.Reason}");
                }
            }
        })));

        Assert.True(wrong.IsEmpty, $"{wrong.Count} of {work.Length} decodes failed otherwise than alone, such as:\n{string.Join("\n", wrong.Take(8))}");
    }

    private static (CodecErrorKind Kind, string Reason)? Failure(string file)
    {
        try
        {
            ImageDecoder.Decode(file, new DecodeOptions());
            return null;
        }
        catch (CodecException e)
        {
            return (e.Kind, e.Reason);
        }
    }
}
