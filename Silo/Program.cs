Console.WriteLine("StreamOrleans silo: under construction");
