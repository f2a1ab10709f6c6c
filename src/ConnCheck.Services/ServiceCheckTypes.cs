using ConnCheck.Checks;
using ConnCheck.Services.Amqp;
using ConnCheck.Services.Mongo;
using ConnCheck.Services.Mysql;
using ConnCheck.Services.Postgres;
using ConnCheck.Services.Redis;
using ConnCheck.Services.Smtp;

namespace ConnCheck.Services;

/// <summary>The full table: the built-in check types plus those backed by a driver.</summary>
internal static class ServiceCheckTypes
{
    public static CheckTypes Table { get; } = CheckTypes.Builtin.With(
    [
        PostgresCheck.Type,
        MysqlCheck.Type,
        RedisCheck.Type,
        AmqpCheck.Type,
        SmtpCheck.Type,
        MongoCheck.Type,
    ]);
}
