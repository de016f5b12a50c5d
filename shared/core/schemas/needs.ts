import * as z from 'zod';
import { NEED_IDS } from '../vocabulary/needs';

export const needIdSchema = z.enum(NEED_IDS);
