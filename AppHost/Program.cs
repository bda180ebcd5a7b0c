Console.WriteLine("StreamOrleans AppHost: under construction");
