namespace ConnCheck.Generation.Internal;

/// <summary>The default ports of the services the settings name, used where a setting leaves the port out.</summary>
internal static class Ports
{
    public const int Postgres = 5432;
    public const int Mysql = 3306;
    public const int Oracle = 1521;
    public const int Amqp = 5672;
    public const int Amqps = 5671;
    public const int Redis = 6379;
    public const int Memcached = 11211;
    public const int Mongodb = 27017;
    public const int Statsd = 8125;
    public const int Smtp = 25;
}
