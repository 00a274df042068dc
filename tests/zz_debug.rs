use backup_schedule::runtime::*;
use backup_schedule::*;
use chrono::*;
#[test]
fn dbg() {
    let s = Schedule::periodic(Interval::from_minutes(5).unwrap());
    let t = |x: &str| DateTime::parse_from_rfc3339(x).unwrap().with_timezone(&Utc);
    let mut tr = Tracker::new(s, t("2026-12-01T10:05:00Z"))
        .with_catch_up(CatchUpPolicy::All { cap: 10 }, Some(TimeDelta::minutes(12)));
    println!("{:?}", tr.poll(t("2026-12-01T10:31:30.000529445Z")));
    println!("{:?}", tr);
    println!("{:?}", tr.poll(t("2026-12-01T10:31:30.042359003Z")));
    println!("{:?}", tr.poll(t("2026-12-01T10:31:30.052359003Z")));
}
