namespace StreamOrleans.AppHost;

/// <summary>What the AppHost was asked to run.</summary>
internal sealed record AppHostSettings(int Port, int Rate, int Keys, bool Demo, string DataDirectory, string Configuration);
