import { Column, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

import { ATTENDANCE_STATUSES, type AttendanceStatus } from '@forum/contracts';

export { ATTENDANCE_STATUSES, type AttendanceStatus };

/** Whether a government attended a meeting, and through which of its officials. */
@Entity('meeting_attendance')
@Unique('meeting_attendance_once', ['meetingId', 'governmentId'])
export class MeetingAttendance {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid' })
  governmentId: string;

  @Column({ type: 'varchar', length: 20 })
  status: AttendanceStatus;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  delegateUserIds: string[];

  @Column({ type: 'uuid', nullable: true })
  recordedByUserId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
