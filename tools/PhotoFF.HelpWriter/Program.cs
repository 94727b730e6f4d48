// Run by the build after compiling PhotoFF.dll (see PhotoFF.HelpWriter.csproj); never shipped.
return PhotoFF.HelpWriter.HelpWriterCommand.Run(args, Console.Out, Console.Error);
