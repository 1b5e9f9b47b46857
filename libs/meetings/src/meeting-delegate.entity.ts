import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A named official sent by an invited government to one meeting. */
@Entity('meeting_delegate')
@Index('meeting_delegate_once', ['meetingId', 'userId'], { unique: true })
@Index(['userId'])
export class MeetingDelegate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid' })
  governmentId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
