using System.Management.Automation;
using System.Management.Automation.Host;

namespace PhotoFF.Host;

/// <summary>
/// The raw interface of a host that writes a stream of text: the formatter reads the width from it. There is no screen
/// buffer to read or scroll; cursor and window values are kept, not applied.
/// </summary>
public sealed class HostRawUserInterface(HostConsole console) : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    /// <summary>Out-Default formats tables and lists to this width.</summary>
    public override Size BufferSize
    {
        get => new(console.Width, short.MaxValue);
        set { }
    }

    public override Coordinates CursorPosition { get; set; }

    public override int CursorSize { get; set; } = 25;

    public override bool KeyAvailable => console.InputIsTerminal && Console.KeyAvailable;

    public override Size MaxPhysicalWindowSize => new(console.Width, 50);

    public override Size MaxWindowSize => new(console.Width, 50);

    public override Coordinates WindowPosition { get; set; }

    public override Size WindowSize
    {
        get => new(console.Width, 50);
        set { }
    }

    public override string WindowTitle { get; set; } = "photoff";

    public override void FlushInputBuffer()
    {
        // Input is read a line at a time; there is no key buffer to flush.
    }

    public override KeyInfo ReadKey(ReadKeyOptions options)
    {
        if (!console.InputIsTerminal)
        {
            throw new PSInvalidOperationException("photoff cannot read a key: standard input is not a terminal.");
        }

        ConsoleKeyInfo key = Console.ReadKey(intercept: (options & ReadKeyOptions.NoEcho) != 0);
        return new KeyInfo((int)key.Key, key.KeyChar, ControlKeyStates.NumLockOn, keyDown: true);
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw NoScreenBuffer();

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw NoScreenBuffer();

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw NoScreenBuffer();

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw NoScreenBuffer();

    private static PSNotSupportedException NoScreenBuffer() =>
        new("photoff writes a stream of text: it has no screen buffer to read, scroll or paint.");
}
