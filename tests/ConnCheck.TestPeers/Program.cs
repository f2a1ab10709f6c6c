// Placeholder entry point replaced by the demo peer host.
return 0;
